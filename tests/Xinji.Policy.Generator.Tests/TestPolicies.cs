namespace Xinji.Policy.Generator.Tests;

/// <summary>A small policy that uses every construct of the language once.</summary>
internal static class TestPolicies
{
    public const string Small = """
        # A small policy for the generator's snapshot.
        policy Repair implements "Small Repair Standard"

        enum Kind = phone | band
          "What the customer brings."
        enum Damage = none | water
          "What the technician found."

        fact kind: Kind "The product kind."
        fact bought: date "The purchase day."
        fact claimed: date "The claim day."
        fact registered: optional date "The registration day, if any."
        fact damage: Damage = none "The damage found."
        fact visits: int = 0 "Earlier visits for the same fault."
        fact tampered: bool = false "The seal is broken."

        define start = earliest(bought, registered)
          "The first covered day."
        define covered = start <= claimed and claimed < start + 6 months
          "Within six months of the start."

        warranty from start through start + 6 months - 1 day active when covered

        reject claimed when claimed < bought
          "A claim cannot come before the purchase."

        remedy fix "Repair."
        remedy swap "Replacement."
        requirement receipt "Bring the receipt."
        note keepParts "Replaced parts are kept."

        section "Cover"

        clause C-1
          quote "Products are repaired free for six months."
          when covered and damage is none
          then free
               remedy fix

        clause C-2
          quote "A phone brought back more than twice is replaced."
          when coverage is free and kind is phone and visits > 2
          then remedy swap
               require receipt

        section "Exclusions"

        clause X-1
          quote "Water damage and broken seals are not covered."
          exception to C-1
          when damage in {water} or tampered
          then paid
               remedy fix

        clause X-2
          quote "Expired products are repaired for a fee."
          when not covered or registered is not known and claimed > bought + 400 days
          then paid
               note keepParts
        """;
}
