using System.Collections.Generic;
using Xinji.Policy.Dsl.Analysis;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Dsl.Driver;

/// <summary>A file as the driver sees it: a path and its text, with no file system behind it.</summary>
public sealed record InputFile(string Path, string Text);

/// <summary>What the driver compiles: texts only, so the same input gives the same result wherever it comes from.</summary>
/// <param name="PolicyFiles">The policy's <c>.policy</c> files and any <c>.examples</c> files, told apart by extension.</param>
/// <param name="Documents">Source documents; a header's <c>source</c> names one by its path relative to the header's file.</param>
/// <param name="Analyze">Also run the analysis (conflicts, gaps, unreachable and redundant clauses) when the policy binds.</param>
public sealed record DriverInput(EquatableArray<InputFile> PolicyFiles, EquatableArray<InputFile> Documents, bool Analyze = false)
{
    /// <summary>The analysis's time budget (<see cref="AnalysisOptions.DefaultBudget"/> unless set).</summary>
    public AnalysisOptions Analysis { get; init; } = AnalysisOptions.Default;

    public DriverInput(IEnumerable<InputFile> policyFiles, IEnumerable<InputFile> documents, bool analyze = false)
        : this(policyFiles.ToEquatableArray(), documents.ToEquatableArray(), analyze)
    {
    }
}
