using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Driver;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Testing;

namespace Xinji.Policy.Tooling.Tests;

/// <summary>A small repair policy, bound from text, with examples when a test gives them.</summary>
internal static class TestPolicy
{
    public const string Repair = """
        policy Repair implements "Repair standard"
        enum Kind = phone | band "What the customer brings."
        enum Damage = none | water "What the technician found."
        fact kind: Kind "The product."
        fact bought: date "The purchase day."
        fact claimed: date "The claim day."
        fact damage: Damage = none "The damage found."
        fact visits: int = 0 "Earlier visits for the same fault."
        define covered = claimed < bought + 6 months
          "Within six months of the purchase."
        warranty from bought through bought + 6 months - 1 day active when covered
        reject claimed when claimed < bought
          "A claim cannot come before the purchase."
        remedy fix "Repair."
        remedy swap "Replacement."
        requirement receipt "Bring the receipt."
        note keepParts "Replaced parts are kept."

        section "Cover"
        clause C-1
          quote "Products are repaired free for six months."
          when covered
          then free
               remedy fix
        clause C-2
          quote "A product brought back more than twice is replaced."
          when coverage is free and visits > 2
          then remedy swap
               require receipt

        section "Exclusions"
        clause X-1
          quote "Water damage is not covered."
          exception to C-1
          when damage is water
          then paid
               remedy fix
        clause X-2
          quote "After six months repairs are paid."
          when not covered
          then paid
               remedy fix
               note keepParts
        """;

    /// <summary>The claims below are for a phone bought on 2025-01-10.</summary>
    public const string InWarranty = """{"kind": "phone", "bought": "2025-01-10", "claimed": "2025-03-01"}""";

    public const string Expired = """{"kind": "phone", "bought": "2025-01-10", "claimed": "2025-08-01"}""";

    public const string Wet = """{"kind": "phone", "bought": "2025-01-10", "claimed": "2025-03-01", "damage": "water"}""";

    public static BoundPolicy Bind(string policy, string? examples = null)
    {
        var (text, document) = QuotedSentences.Attach("repair.policy", policy);
        var files = new List<PolicyFile> { PolicyParser.Parse("repair.policy", text) };
        if (examples is not null)
        {
            files.Add(PolicyParser.ParseExamples("repair.examples", examples));
        }

        var loaded = PolicyDriver.Bind(files, QuotedSentences.InputFiles(document));
        Assert.Empty(loaded.Diagnostics.Select(d => d.ToString()));
        return loaded.Policy!;
    }

    public static BoundPolicy WithExamples(string examples) => Bind(Repair, examples);
}
