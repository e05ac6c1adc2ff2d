namespace Xinji.Policy;

/// <summary>
/// The two coverages as a policy writes them (<c>then free</c>, <c>coverage is paid</c>) and as the
/// decision contract spells them: one source for the language and the runtime, so a traced coverage
/// value compares equal to the interpreter's.
/// </summary>
internal static class CoverageCodes
{
    public const string Free = "free";

    public const string Paid = "paid";
}
