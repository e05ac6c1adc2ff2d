using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Xinji.Policy.Dsl.Analysis;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Dsl.Driver;

/// <summary>
/// The one way from policy texts to a policy: parse each file, bind the files together with the
/// document their header names, and analyse when asked. The generator, the analyzer, the tools
/// and every command go through it, so they report the same diagnostics for the same texts. It
/// is given texts and reads no files, so it runs inside the compiler as well as in a tool.
/// </summary>
public sealed class PolicyDriver
{
    public const string PolicyExtension = ".policy";

    public const string ExamplesExtension = ".examples";

    /// <summary>How many compiled inputs a driver keeps unless told otherwise.</summary>
    public const int DefaultCapacity = 32;

    private readonly ContentCache<PolicyFile> _parsed;
    private readonly ContentCache<DriverResult> _results;

    /// <param name="capacity">How many compiled inputs the cache keeps; it keeps eight times as many parsed files.</param>
    public PolicyDriver(int capacity = DefaultCapacity)
    {
        _results = new ContentCache<DriverResult>(capacity);
        _parsed = new ContentCache<PolicyFile>(capacity * 8);
    }

    /// <summary>The process's driver: the analyzer's compilations, and the commands of a tool, share its cache.</summary>
    public static PolicyDriver Shared { get; } = new();

    public static bool IsPolicyFile(string path) => path.EndsWith(PolicyExtension, StringComparison.OrdinalIgnoreCase);

    public static bool IsExamplesFile(string path) => path.EndsWith(ExamplesExtension, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses one file, reusing the result for the same path and text. A <c>.examples</c> file may hold only examples.</summary>
    public PolicyFile Parse(InputFile file) =>
        _parsed.GetOrAdd(ContentHash.Of(new[] { file.Path, file.Text }), () => IsExamplesFile(file.Path)
            ? PolicyParser.ParseExamples(file.Path, file.Text)
            : PolicyParser.Parse(file.Path, file.Text));

    /// <summary>
    /// Parses, binds and (when <see cref="DriverInput.Analyze"/>) analyses the input. The result is
    /// kept by a hash of the paths and texts: the same policy compiled again costs a hash, and an
    /// analysed input reuses the binding of the same texts.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; nothing is cached.</exception>
    public DriverResult Compile(DriverInput input, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = ContentKey(input);
        var bound = _results.GetOrAdd("bound:" + key, () => Bind(input.PolicyFiles.Select(Parse).ToList(), input.Documents));
        if (!input.Analyze || bound.Policy is not { } policy)
        {
            return bound;
        }

        // The budget is part of the key: a policy not analysed within one may be within a larger one.
        // A result cut short by the budget is not kept: on a busy machine the next run may finish.
        var analysedKey = "analysed:" + input.Analysis.Budget.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + key;
        if (_results.TryGet(analysedKey, out var cached))
        {
            return cached;
        }

        var analysis = PolicyAnalysis.Analyze(policy, input.Analysis, cancellationToken);
        var findings = Findings(analysis);
        var result = bound with
        {
            Diagnostics = bound.Diagnostics.Concat(findings.Select(f => f.Diagnostic)).ToEquatableArray(),
            Findings = findings,
            Analyzed = true,
        };
        return analysis.OutOfTime ? result : _results.GetOrAdd(analysedKey, () => result);
    }

    /// <summary>
    /// Binds files parsed already (the generator parses each file in its own cached step), with
    /// the document the header names when it is among <paramref name="documents"/>. Not cached.
    /// </summary>
    public static DriverResult Bind(IReadOnlyList<PolicyFile> files, IReadOnlyList<InputFile> documents)
    {
        // One order whatever the caller's, so diagnostics come out alike: the policy's files, then its examples, each by path.
        var ordered = files.OrderBy(f => IsExamplesFile(f.Path)).ThenBy(f => f.Path, StringComparer.Ordinal).ToList();
        var byPath = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            byPath[NormalizePath(document.Path)] = document.Text;
        }

        // The binder looks the document up by its own notion of the path; give it the text under that key.
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, source) in Sources(ordered))
        {
            if (byPath.TryGetValue(Resolve(file.Path, source), out var text))
            {
                named[PolicyBinder.DocumentPath(file.Path, source)] = text;
            }
        }

        var binding = PolicyBinder.Bind(ordered, named);
        return new DriverResult(
            ordered.ToEquatableArray(),
            binding.Policy,
            binding.Vocabulary,
            binding.Diagnostics,
            EquatableArray<DriverFinding>.Empty,
            Analyzed: false);
    }

    /// <summary>Analyses a bound policy: each finding with the diagnostic it is reported as. Not cached.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static EquatableArray<DriverFinding> Analyze(BoundPolicy policy, CancellationToken cancellationToken = default) =>
        Analyze(policy, AnalysisOptions.Default, cancellationToken);

    /// <summary>Analyses a bound policy within the options' time budget. Not cached.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static EquatableArray<DriverFinding> Analyze(BoundPolicy policy, AnalysisOptions options, CancellationToken cancellationToken = default)
    {
        return Findings(PolicyAnalysis.Analyze(policy, options, cancellationToken));
    }

    private static EquatableArray<DriverFinding> Findings(AnalysisResult analysis) =>
        analysis.Findings.Zip(AnalysisDiagnostics.From(analysis), (finding, diagnostic) => new DriverFinding(finding, diagnostic)).ToEquatableArray();

    /// <summary>
    /// The documents the files' headers name in <c>source</c>, each as a path relative to where its
    /// header's file is (with <c>/</c> separators): what a caller reads and passes in as documents.
    /// </summary>
    public static IReadOnlyList<string> DocumentPaths(IEnumerable<PolicyFile> files) =>
        Sources(files).Select(s => Resolve(s.File.Path, s.Source)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Whether the file at <paramref name="path"/> is one of <paramref name="documentPaths"/> (from <see cref="DocumentPaths"/>).</summary>
    public static bool IsDocument(string path, IEnumerable<string> documentPaths)
    {
        var normalized = NormalizePath(path);
        return documentPaths.Any(d => string.Equals(d, normalized, StringComparison.Ordinal));
    }

    private static IEnumerable<(PolicyFile File, string Source)> Sources(IEnumerable<PolicyFile> files) =>
        from file in files
        from header in file.Declarations.OfType<PolicyHeaderDeclaration>()
        where header.Source is not null
        select (file, header.Source!.Value);

    private static string ContentKey(DriverInput input)
    {
        static IEnumerable<string> Parts(string kind, EquatableArray<InputFile> files) =>
            files.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Text, StringComparer.Ordinal)
                .SelectMany(f => new[] { kind, f.Path, f.Text });

        return ContentHash.Of(Parts("policy", input.PolicyFiles).Concat(Parts("document", input.Documents)));
    }

    /// <summary>A path relative to the directory of another file, worked out on the text alone (no file system, no working directory).</summary>
    private static string Resolve(string file, string relative)
    {
        var rooted = relative.StartsWith("/", StringComparison.Ordinal) || relative.StartsWith("\\", StringComparison.Ordinal)
                     || (relative.Length > 1 && relative[1] == ':');
        var directoryEnd = Math.Max(file.LastIndexOf('/'), file.LastIndexOf('\\'));
        return NormalizePath(rooted || directoryEnd < 0 ? relative : file.Substring(0, directoryEnd) + "/" + relative);
    }

    /// <summary>The path with <c>/</c> separators, and without <c>.</c> segments or <c>..</c> that can be resolved.</summary>
    private static string NormalizePath(string path)
    {
        var rooted = path.StartsWith("/", StringComparison.Ordinal) || path.StartsWith("\\", StringComparison.Ordinal);
        var segments = new List<string>();
        foreach (var segment in path.Split('/', '\\'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0 && segments[segments.Count - 1] != "..")
            {
                segments.RemoveAt(segments.Count - 1);
            }
            else if (segment != ".." || !rooted)
            {
                segments.Add(segment);
            }
        }

        return (rooted ? "/" : string.Empty) + string.Join("/", segments);
    }
}
