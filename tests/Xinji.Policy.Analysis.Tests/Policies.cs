using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xinji.Policy.Dsl.Analysis;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Driver;
using Xinji.Policy.Dsl.Evaluation;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Testing;
using Xinji.Policy.Tooling;

namespace Xinji.Policy.Analysis.Tests;

internal static class Policies
{
    /// <summary>
    /// A budget only a search that never ends reaches: these tests check answers, and on a busy
    /// machine the default 5 seconds could turn an answer into a time-out.
    /// </summary>
    public static readonly AnalysisOptions Unhurried = new() { Budget = TimeSpan.FromMinutes(10) };

    public static string Directory(string relative) => Path.Combine(AppContext.BaseDirectory, relative);

    /// <summary>The real policy's files, text by path, so tests can change one before binding.</summary>
    public static Dictionary<string, string> RealPolicyTexts() =>
        System.IO.Directory.GetFiles(Directory("policy"), "*.policy").ToDictionary(Path.GetFullPath, File.ReadAllText);

    /// <summary>Binds the texts, reading the document a header names from disk; a policy that names none is given the one of its quoted sentences.</summary>
    public static BoundPolicy Bind(IReadOnlyDictionary<string, string> texts)
    {
        var (attached, document) = QuotedSentences.Attach(texts);
        var files = attached.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => PolicyParser.Parse(t.Key, t.Value)).ToList();
        BoundPolicy? policy;
        IReadOnlyList<Dsl.Diagnostics.PolicyDiagnostic> diagnostics;
        if (document is { } quoted)
        {
            var bound = PolicyDriver.Bind(files, new[] { new InputFile(quoted.Path, quoted.Text) });
            (policy, diagnostics) = (bound.Policy, bound.Diagnostics);
        }
        else
        {
            var loaded = PolicyLoader.Bind(files);
            (policy, diagnostics) = (loaded.Policy, loaded.Diagnostics);
        }

        Assert.Empty(diagnostics.Where(d => d.Severity == Dsl.Diagnostics.PolicySeverity.Error).Select(d => d.ToString()));
        return policy!;
    }

    public static BoundPolicy Bind(string text) => Bind(new Dictionary<string, string> { ["/random/policy.policy"] = text });

    /// <summary>Replays a witness the way a user would: its full JSON through the strict reader, then the interpreter.</summary>
    public static IReadOnlyDictionary<string, PolicyValue> Replayable(BoundPolicy policy, IReadOnlyDictionary<string, PolicyValue> witness)
    {
        var json = Witnesses.ToJson(policy, witness, full: true);
        return new InterpretedEvaluator(policy).ReadClaim(System.Text.Encoding.UTF8.GetBytes(json));
    }
}
