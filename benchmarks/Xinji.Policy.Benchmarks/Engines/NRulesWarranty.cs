using System;
using System.Linq.Expressions;
using NRules;
using NRules.Fluent;
using NRules.Fluent.Dsl;
using Xinji.Policy.Runtime;
using Xinji.Warranty;

namespace Xinji.Policy.Benchmarks;

/// <summary>The claim as the NRules session holds it, with the derived dates and what the rules found.</summary>
public sealed class NRulesClaim
{
    public NRulesClaim(WarrantyClaim claim)
    {
        Claim = claim;
        var (start, _, active) = ClauseResolution.Period(claim);
        Start = start;
        Active = active;
    }

    public WarrantyClaim Claim { get; }

    public DateOnly? Start { get; }

    public bool Active { get; }

    /// <summary>Null until the deciding clauses have run.</summary>
    public Coverage? Coverage { get; set; }

    public ulong Applies { get; set; }
}

/// <summary>A clause as an NRules rule: match the claim on the clause's condition, record its bit.</summary>
public abstract class ClauseRule : Rule
{
    protected void Clause(int bit, Expression<Func<NRulesClaim, bool>> condition)
    {
        NRulesClaim claim = null!;
        When().Match(() => claim, condition);
        Then().Do(_ => Record(claim, bit));
    }

    private static void Record(NRulesClaim claim, int bit) => claim.Applies |= 1UL << bit;
}


#pragma warning disable SA1402, SA1649, CS1591
public sealed class Wp2 : ClauseRule { public override void Define() => Clause(0, c => c.Coverage == null && c.Active && c.Claim.Cause == Cause.ManufacturingDefect); }
public sealed class Wd4 : ClauseRule { public override void Define() => Clause(1, c => c.Coverage == Coverage.Free); }
public sealed class Wd5 : ClauseRule { public override void Define() => Clause(2, c => c.Coverage == Coverage.Free && c.Claim.Product == Product.SmartWatch); }
public sealed class Wd6 : ClauseRule { public override void Define() => Clause(3, c => c.Coverage == Coverage.Free && c.Claim.Product == Product.SmartWatch && c.Claim.Part == Part.WatchBody); }
public sealed class Wd7 : ClauseRule { public override void Define() => Clause(4, c => c.Coverage == Coverage.Free && (c.Claim.Product == Product.IotDevice || c.Claim.Product == Product.Accessory)); }
public sealed class Wd8 : ClauseRule { public override void Define() => Clause(5, c => c.Coverage == Coverage.Free && (c.Claim.Product == Product.IotDevice || c.Claim.Product == Product.Accessory || c.Claim.Part == Part.WatchBody)); }
public sealed class Wd9 : ClauseRule { public override void Define() => Clause(6, c => c.Coverage == null && c.Claim.Rooted && !c.Claim.RestorableBySoftwareUpdate); }
public sealed class Wd10 : ClauseRule { public override void Define() => Clause(7, c => c.Coverage == null && c.Claim.Rooted && c.Claim.RestorableBySoftwareUpdate); }
public sealed class Wd11 : ClauseRule { public override void Define() => Clause(8, c => c.Coverage == null); }
public sealed class Wd12 : ClauseRule { public override void Define() => Clause(9, c => c.Coverage == null && c.Start == null); }
public sealed class Ex1 : ClauseRule { public override void Define() => Clause(10, c => c.Coverage == Coverage.Paid); }
public sealed class Ex2 : ClauseRule { public override void Define() => Clause(11, c => c.Coverage == null && c.Start != null && !c.Active); }
public sealed class Ex3 : ClauseRule { public override void Define() => Clause(12, c => c.Coverage == null && c.Claim.WarrantySticker != StickerState.Intact); }
public sealed class Ex4 : ClauseRule { public override void Define() => Clause(13, c => c.Coverage == null && c.Claim.Cause == Cause.NaturalWear); }
public sealed class Ex5 : ClauseRule { public override void Define() => Clause(14, c => c.Coverage == null && c.Claim.Cause == Cause.NonXinjiAccessory); }
public sealed class Ex6 : ClauseRule { public override void Define() => Clause(15, c => c.Coverage == null && c.Claim.Cause == Cause.ExtremeConditions); }
public sealed class Ex7 : ClauseRule { public override void Define() => Clause(16, c => c.Coverage == null && c.Claim.Cause == Cause.ActOfGod); }
public sealed class Ex8 : ClauseRule { public override void Define() => Clause(17, c => c.Coverage == null && (c.Claim.Cause == Cause.AbnormalUse || c.Claim.Cause == Cause.AbnormalStorage || c.Claim.Cause == Cause.AbnormalOperation)); }
public sealed class Ex9 : ClauseRule { public override void Define() => Clause(18, c => c.Coverage == null && (c.Claim.Cause == Cause.Fall || c.Claim.Cause == Cause.Squeeze || c.Claim.Cause == Cause.Water)); }
public sealed class Ex10 : ClauseRule { public override void Define() => Clause(19, c => c.Coverage == null && c.Claim.UnofficialCommitment); }
public sealed class Ex11 : ClauseRule { public override void Define() => Clause(20, c => c.Coverage == null && c.Claim.RepairedElsewhere); }
public sealed class Ex12 : ClauseRule { public override void Define() => Clause(21, c => c.Coverage == null && !c.Claim.HasWarrantyCard && !c.Claim.HasProofOfPurchase); }
public sealed class Ex13 : ClauseRule { public override void Define() => Clause(22, c => c.Coverage == null && !c.Claim.HasWarrantyCard && !c.Claim.HasProofOfPurchase && c.Claim.Product == Product.Accessory && c.Claim.AccessoryWarrantyProven); }
public sealed class Ex14 : ClauseRule { public override void Define() => Clause(23, c => c.Coverage == null && c.Claim.PurchasedOverseas); }
public sealed class Ex15 : ClauseRule { public override void Define() => Clause(24, c => c.Coverage == null); }
#pragma warning restore SA1402, SA1649, CS1591


/// <summary>
/// The XINJI policy as NRules rules (Rete): the deciding clauses fire on the claim, the host settles
/// exceptions and coverage, then updates the claim so the clauses that read the coverage fire.
/// </summary>
internal sealed class NRulesWarranty
{
    private readonly ISessionFactory _factory;

    public NRulesWarranty()
    {
        var repository = new RuleRepository();
        repository.Load(x => x.From(typeof(ClauseRule).Assembly).Where(r => r.Name.Length > 0));
        _factory = repository.Compile();
    }

    public Fingerprint Evaluate(WarrantyClaim claim)
    {
        WarrantyPolicy.Validate(claim);
        var fact = new NRulesClaim(claim);
        var session = _factory.CreateSession();
        session.Insert(fact);
        session.Fire();
        var inForce = ClauseResolution.InForce(fact.Applies);
        var coverage = ClauseResolution.Coverage(inForce);
        fact.Coverage = coverage;
        fact.Applies = 0;
        session.Update(fact);
        session.Fire();
        return ClauseResolution.Decision(claim, coverage, inForce | fact.Applies);
    }
}
