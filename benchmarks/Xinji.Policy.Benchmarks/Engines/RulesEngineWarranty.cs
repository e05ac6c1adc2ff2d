using System;
using System.Collections.Generic;
using RulesEngine.Models;
using Xinji.Policy.Runtime;
using Xinji.Warranty;

namespace Xinji.Policy.Benchmarks;

/// <summary>The claim as Microsoft RulesEngine's expressions read it: codes as strings, dates as DateTime.</summary>
public sealed class RulesEngineClaim
{
    public string Product { get; set; } = "";
    public string Part { get; set; } = "";
    public DateTime ClaimDate { get; set; }
    public DateTime? ActivationDate { get; set; }
    public DateTime? InvoiceDate { get; set; }
    public DateTime? DeliveryDate { get; set; }
    public string Cause { get; set; } = "";
    public string WarrantySticker { get; set; } = "";
    public bool Rooted { get; set; }
    public bool RestorableBySoftwareUpdate { get; set; }
    public bool RepairedElsewhere { get; set; }
    public bool PurchasedOverseas { get; set; }
    public bool UnofficialCommitment { get; set; }
    public bool AccessoryWarrantyProven { get; set; }
    public bool HasWarrantyCard { get; set; }
    public bool HasProofOfPurchase { get; set; }
    public string Coverage { get; set; } = "";

    public static RulesEngineClaim From(WarrantyClaim c) => new()
    {
        Product = WarrantyClaim.Code(c.Product),
        Part = WarrantyClaim.Code(c.Part),
        ClaimDate = c.ClaimDate.ToDateTime(TimeOnly.MinValue),
        ActivationDate = c.ActivationDate?.ToDateTime(TimeOnly.MinValue),
        InvoiceDate = c.InvoiceDate?.ToDateTime(TimeOnly.MinValue),
        DeliveryDate = c.DeliveryDate?.ToDateTime(TimeOnly.MinValue),
        Cause = WarrantyClaim.Code(c.Cause),
        WarrantySticker = WarrantyClaim.Code(c.WarrantySticker),
        Rooted = c.Rooted,
        RestorableBySoftwareUpdate = c.RestorableBySoftwareUpdate,
        RepairedElsewhere = c.RepairedElsewhere,
        PurchasedOverseas = c.PurchasedOverseas,
        UnofficialCommitment = c.UnofficialCommitment,
        AccessoryWarrantyProven = c.AccessoryWarrantyProven,
        HasWarrantyCard = c.HasWarrantyCard,
        HasProofOfPurchase = c.HasProofOfPurchase,
    };
}

/// <summary>
/// The XINJI policy as Microsoft RulesEngine workflows: one rule per clause, the derived dates as
/// global parameters; the clauses that read the coverage in a second workflow, run after it.
/// </summary>
internal sealed class RulesEngineWarranty
{
    private const string InvoiceOrDelivery = "c.DeliveryDate != null && c.InvoiceDate != null && c.DeliveryDate.Value > c.InvoiceDate.Value ? c.DeliveryDate : c.InvoiceDate";
    private const string Start = "c.ActivationDate == null ? invoiceOrDelivery : (invoiceOrDelivery != null && invoiceOrDelivery.Value < c.ActivationDate.Value ? invoiceOrDelivery : c.ActivationDate)";
    private const string Active = "start != null && start.Value <= c.ClaimDate && c.ClaimDate < start.Value.AddMonths(12)";

    private static readonly (string Id, int Bit, string Expression)[] Deciding =
    {
        ("WP-2", 0, "active && c.Cause == \"manufacturingDefect\""),
        ("WD-9", 6, "c.Rooted && !c.RestorableBySoftwareUpdate"),
        ("WD-10", 7, "c.Rooted && c.RestorableBySoftwareUpdate"),
        ("WD-11", 8, "true"),
        ("WD-12", 9, "start == null"),
        ("EX-2", 11, "start != null && !active"),
        ("EX-3", 12, "c.WarrantySticker != \"intact\""),
        ("EX-4", 13, "c.Cause == \"naturalWear\""),
        ("EX-5", 14, "c.Cause == \"nonXinjiAccessory\""),
        ("EX-6", 15, "c.Cause == \"extremeConditions\""),
        ("EX-7", 16, "c.Cause == \"actOfGod\""),
        ("EX-8", 17, "c.Cause == \"abnormalUse\" || c.Cause == \"abnormalStorage\" || c.Cause == \"abnormalOperation\""),
        ("EX-9", 18, "c.Cause == \"fall\" || c.Cause == \"squeeze\" || c.Cause == \"water\""),
        ("EX-10", 19, "c.UnofficialCommitment"),
        ("EX-11", 20, "c.RepairedElsewhere"),
        ("EX-12", 21, "!c.HasWarrantyCard && !c.HasProofOfPurchase"),
        ("EX-13", 22, "!c.HasWarrantyCard && !c.HasProofOfPurchase && c.Product == \"accessory\" && c.AccessoryWarrantyProven"),
        ("EX-14", 23, "c.PurchasedOverseas"),
        ("EX-15", 24, "true"),
    };

    private static readonly (string Id, int Bit, string Expression)[] Reading =
    {
        ("WD-4", 1, "c.Coverage == \"free\""),
        ("WD-5", 2, "c.Coverage == \"free\" && c.Product == \"smartWatch\""),
        ("WD-6", 3, "c.Coverage == \"free\" && c.Product == \"smartWatch\" && c.Part == \"watchBody\""),
        ("WD-7", 4, "c.Coverage == \"free\" && (c.Product == \"iotDevice\" || c.Product == \"accessory\")"),
        ("WD-8", 5, "c.Coverage == \"free\" && (c.Product == \"iotDevice\" || c.Product == \"accessory\" || c.Part == \"watchBody\")"),
        ("EX-1", 10, "c.Coverage == \"paid\""),
    };

    private readonly RulesEngine.RulesEngine _engine;
    private readonly Dictionary<string, int> _bits = new(StringComparer.Ordinal);

    public RulesEngineWarranty()
    {
        var parameters = new[]
        {
            new ScopedParam { Name = "invoiceOrDelivery", Expression = InvoiceOrDelivery },
            new ScopedParam { Name = "start", Expression = Start },
            new ScopedParam { Name = "active", Expression = Active },
        };
        _engine = new RulesEngine.RulesEngine(
            new[] { Workflow("deciding", Deciding, parameters), Workflow("reading", Reading, Array.Empty<ScopedParam>()) },
            new ReSettings { EnableExceptionAsErrorMessage = false });
        foreach (var (id, bit, _) in Deciding)
        {
            _bits[id] = bit;
        }

        foreach (var (id, bit, _) in Reading)
        {
            _bits[id] = bit;
        }
    }

    public Fingerprint Evaluate(WarrantyClaim claim)
    {
        WarrantyPolicy.Validate(claim);
        var input = RulesEngineClaim.From(claim);
        var applies = Run("deciding", input);
        var inForce = ClauseResolution.InForce(applies);
        var coverage = ClauseResolution.Coverage(inForce);
        input.Coverage = coverage == Coverage.Free ? "free" : "paid";
        inForce |= Run("reading", input);
        return ClauseResolution.Decision(claim, coverage, inForce);
    }

    private ulong Run(string workflow, RulesEngineClaim input)
    {
        // The rules are expressions with no I/O: the call completes synchronously.
        var pending = _engine.ExecuteAllRulesAsync(workflow, new RuleParameter("c", input));
        var results = pending.IsCompleted ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
        var applies = 0UL;
        foreach (var result in results)
        {
            if (result.ExceptionMessage is { Length: > 0 } error)
            {
                throw new InvalidOperationException(result.Rule.RuleName + ": " + error);
            }

            if (result.IsSuccess)
            {
                applies |= 1UL << _bits[result.Rule.RuleName];
            }
        }

        return applies;
    }

    private static Workflow Workflow(string name, (string Id, int Bit, string Expression)[] rules, ScopedParam[] parameters) => new()
    {
        WorkflowName = name,
        GlobalParams = parameters,
        Rules = Array.ConvertAll(rules, r => new Rule { RuleName = r.Id, Expression = r.Expression, RuleExpressionType = RuleExpressionType.LambdaExpression }),
    };
}
