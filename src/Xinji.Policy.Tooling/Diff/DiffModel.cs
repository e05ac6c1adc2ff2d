using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Runtime;

namespace Xinji.Policy.Tooling.Diff;

/// <summary>A claim to replay, with where it came from (<c>file:line</c>) for the report.</summary>
public sealed record ReplayClaim(string Origin, byte[] Json);

public enum ReplayKind
{
    Decided,
    Invalid,
    Defect,
}

/// <summary>What one version of the policy did with a claim: a decision, an input error naming a field, or a policy defect.</summary>
public sealed record ReplayOutcome(ReplayKind Kind, IPolicyDecision? Decision, string? Field, string? Problem)
{
    public static ReplayOutcome Decided(IPolicyDecision decision) => new(ReplayKind.Decided, decision, null, null);

    public static ReplayOutcome Invalid(string field, string problem) => new(ReplayKind.Invalid, null, field, problem);

    public static ReplayOutcome Defect(string message) => new(ReplayKind.Defect, null, null, message);

    /// <summary><c>free</c>, <c>paid</c>, <c>invalid (field)</c> or <c>policy defect</c>: what changes are grouped by.</summary>
    public string Label => Kind switch
    {
        ReplayKind.Decided => DecisionWriter.CoverageCode(Decision!.Coverage),
        ReplayKind.Invalid => Field!.StartsWith('(') ? "invalid " + Field : "invalid (" + Field + ")",
        _ => "policy defect",
    };
}

/// <summary>The parts of a decision a change can touch, in the order the decision contract lists them.</summary>
public enum DecisionPart
{
    Coverage,
    Remedies,
    Clauses,
    Requirements,
    Notes,
    Warranty,
}

/// <summary>
/// One part that differs. <see cref="Old"/> and <see cref="New"/> are whole values as text; for
/// lists, <see cref="Dropped"/> and <see cref="Added"/> say what left and what came.
/// </summary>
public sealed record PartChange(DecisionPart Part, string Old, string New, IReadOnlyList<string> Dropped, IReadOnlyList<string> Added);

/// <summary>A claim the two versions decide differently.</summary>
/// <param name="Changes">The parts that differ; empty when one side is not a decision (the outcomes say it all).</param>
public sealed record ChangedClaim(string Origin, string Json, ReplayOutcome Old, ReplayOutcome New, IReadOnlyList<PartChange> Changes);

/// <summary>The changed claims that go from one outcome to another (<c>paid → free</c>), or keep it while other parts change (<c>paid → paid</c>).</summary>
/// <param name="PartCounts">How many claims of the group changed in each part.</param>
/// <param name="Samples">The first few claims of the group, in the order they were replayed.</param>
public sealed record ChangeGroup(string Old, string New, int Count, IReadOnlyDictionary<DecisionPart, int> PartCounts, IReadOnlyList<ChangedClaim> Samples)
{
    public bool SameOutcome => Old == New;
}

public sealed record FieldCount(string Field, int Count);

/// <summary>What replaying claims through two versions of a policy found.</summary>
/// <param name="Groups">Largest first.</param>
/// <param name="InvalidInBoth">Claims both versions reject for the same field, by field, most first: not a change.</param>
/// <param name="DefectsInBoth">Claims both versions fail to decide.</param>
public sealed record DiffReport(int Claims, int Unchanged, IReadOnlyList<ChangeGroup> Groups, IReadOnlyList<FieldCount> InvalidInBoth, int DefectsInBoth)
{
    public int Changed => Groups.Sum(g => g.Count);

    public int Invalid => InvalidInBoth.Sum(f => f.Count);
}
