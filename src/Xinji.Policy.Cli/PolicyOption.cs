using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using Xinji.Policy.Dsl.Driver;
using Xinji.Policy.Runtime;
using Xinji.Policy.Tooling;
using Xinji.Warranty;

namespace Xinji.Policy.Cli;

/// <summary>A policy a command works with, and where it came from as the output names it.</summary>
internal sealed class ChosenPolicy
{
    private readonly Lazy<LoadedPolicy> _loaded;

    public ChosenPolicy(LoadedPolicy loaded, string where)
    {
        _loaded = new Lazy<LoadedPolicy>(loaded);
        Identity = loaded.Identity;
        Where = where;
    }

    /// <summary>
    /// The policy compiled into the tool, known by its content hash before it is bound: it is bound only
    /// when a command reads more of it than its name and hash (the compiled policy binds without diagnostics).
    /// </summary>
    public ChosenPolicy(CompiledPolicy compiled, Func<LoadedPolicy> load, string where)
    {
        _loaded = new Lazy<LoadedPolicy>(load);
        Identity = new PolicyIdentity(compiled.Evaluator.PolicyName, compiled.Hash);
        Where = where;
        Compiled = compiled.Evaluator;
    }

    /// <summary>The policy read and bound, with its diagnostics.</summary>
    public LoadedPolicy Loaded => _loaded.Value;

    public PolicyIdentity Identity { get; }

    public string Where { get; }

    /// <summary>The compiled evaluator of the policy's content hash, when it was chosen by it.</summary>
    public IPolicyEvaluator? Compiled { get; }
}

/// <summary>
/// The one rule for which policy a command uses: <c>--policy FILE_OR_DIR</c> when given; else
/// <c>./policy</c> when it exists; else the XINJI policy built into the tool. A policy with the
/// compiled policy's content hash is decided by the compiled evaluator, any other by the
/// reference interpreter. Every command's output starts by naming the policy and its hash.
/// </summary>
internal static class PolicyOption
{
    public const string Name = "--policy";

    /// <summary>The directory below the working directory that is the policy when <c>--policy</c> is not given.</summary>
    public const string DefaultDirectory = "policy";

    /// <summary>The policies compiled into the tool, by content hash.</summary>
    /// <remarks>Hashed from the embedded texts, not bound: the compiled policy's build has bound them already.</remarks>
    private static readonly Lazy<IReadOnlyList<CompiledPolicy>> Compiled = new(() => new[]
    {
        new CompiledPolicy(PolicyIdentity.HashOf(BuiltInPolicy.Input(withExamples: false).PolicyFiles), WarrantyPolicy.Instance),
    });

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Option<string?> Create(string? what = null) => new(Name)
    {
        HelpName = "FILE_OR_DIR",
        Description = (what ?? "The policy") + ": a .policy file or a directory of them. Default: ./" + DefaultDirectory
                      + " if it exists, else the XINJI policy built into the tool.",
    };

    /// <summary>The policy <paramref name="path"/> names, or the default one; null after printing its errors on stderr.</summary>
    /// <exception cref="PolicyReadException">The policy cannot be read (reported by <see cref="CliApplication"/>).</exception>
    public static ChosenPolicy? Choose(string? path, bool withExamples, CliContext context) =>
        Choose(path is null ? Array.Empty<string>() : new[] { path }, withExamples, context);

    /// <summary>The policy at <paramref name="paths"/> (the default one when there are none); null after printing its errors on stderr.</summary>
    /// <exception cref="PolicyReadException">The policy cannot be read (reported by <see cref="CliApplication"/>).</exception>
    public static ChosenPolicy? Choose(IReadOnlyList<string> paths, bool withExamples, CliContext context) =>
        (withExamples ? null : CompiledByHash(paths, context)) ?? Report(Read(paths, withExamples, context), context);

    /// <summary>The policy at <paramref name="paths"/> (the default one when there are none), with its diagnostics, errors or not.</summary>
    /// <exception cref="PolicyReadException">The policy cannot be read (reported by <see cref="CliApplication"/>).</exception>
    public static ChosenPolicy Read(IReadOnlyList<string> paths, bool withExamples, CliContext context)
    {
        if (paths.Count == 0 && !Directory.Exists(context.FullPath(DefaultDirectory)))
        {
            return new ChosenPolicy(PolicySources.Load(BuiltInPolicy.Input(withExamples)), "built in");
        }

        var given = paths.Count == 0 ? new[] { DefaultDirectory } : paths;
        return new ChosenPolicy(PolicySources.Load(given, withExamples, context.WorkingDirectory), string.Join(", ", given));
    }

    /// <summary>The evaluator that decides for the policy: compiled when it is the compiled policy, else the reference interpreter.</summary>
    /// <param name="expectedClaims">About how many claims it will decide: enough of them, and a policy read from disk is compiled.</param>
    public static IPolicyEvaluator Evaluator(ChosenPolicy chosen, long expectedClaims = 1) =>
        chosen.Compiled ?? PolicyEvaluators.For(chosen.Loaded, Compiled.Value, expectedClaims);

    /// <summary>
    /// Decides a claim's JSON into its decision's JSON with <paramref name="evaluator"/>: through the compiled
    /// policy's own types when it is the compiled one, as a program using it would (no boxed decision, no
    /// interface calls), else through <see cref="IPolicyEvaluator"/>.
    /// </summary>
    public static DecideToJson JsonDecider(IPolicyEvaluator evaluator) =>
        ReferenceEquals(evaluator, WarrantyPolicy.Instance)
            ? static (claim, writer) => WarrantyPolicy.Evaluate(WarrantyClaim.FromJson(claim)).WriteJson(writer)
            : (claim, writer) => evaluator.Evaluate(claim).WriteJson(writer);

    /// <summary><c>Policy:       Warranty sha256:… (policy)</c>: the first line of a command's text output.</summary>
    public static void WriteHeader(TextWriter output, ChosenPolicy chosen, string label = "Policy:", bool deciding = false, long expectedClaims = 1)
    {
        var how = !deciding ? string.Empty
            : chosen.Compiled is not null || PolicyEvaluators.IsCompiled(chosen.Loaded, Compiled.Value, expectedClaims) ? ", compiled evaluator" : ", reference interpreter";
        output.WriteLine($"{label,-13} {chosen.Identity} ({chosen.Where}{how})");
    }

    /// <summary>
    /// A JSON object line with <c>"policy":{"name":…,"hash":…}</c> as its first member, in place of a
    /// <c>"policy":"Name"</c> it starts with (as an explanation does).
    /// </summary>
    public static string WithPolicy(string jsonObject, PolicyIdentity identity)
    {
        var policy = PolicyMember(identity);
        const string NameMember = "{\"policy\":\"";
        if (jsonObject.StartsWith(NameMember, StringComparison.Ordinal) && jsonObject.IndexOf("\",", NameMember.Length, StringComparison.Ordinal) is var end and > 0)
        {
            jsonObject = string.Concat("{", jsonObject.AsSpan(end + 2));
        }

        return jsonObject.Length > 2 ? string.Concat("{" + policy + ",", jsonObject.AsSpan(1)) : "{" + policy + "}";
    }

    /// <summary>What a decision line starts with in place of its opening brace, as UTF-8: <c>{"policy":{…},</c>.</summary>
    public static byte[] PolicyPrefix(PolicyIdentity identity) => System.Text.Encoding.UTF8.GetBytes("{" + PolicyMember(identity) + ",");

    private static string PolicyMember(PolicyIdentity identity) =>
        "\"policy\":{\"name\":" + JsonSerializer.Serialize(identity.Name, Relaxed) + ",\"hash\":\"" + identity.Hash + "\"}";

    /// <summary>
    /// The policy <see cref="Read"/> would choose when it is the compiled one, told by its content hash
    /// alone, without parsing or binding it: the built-in policy, or <c>.policy</c> files on disk with its
    /// hash beside the same documents (the texts the binder would check its quotes against). Null
    /// otherwise, or when anything is not as expected, for <see cref="Read"/> to read it and say why.
    /// </summary>
    private static ChosenPolicy? CompiledByHash(IReadOnlyList<string> paths, CliContext context)
    {
        if (paths.Count == 0 && !Directory.Exists(context.FullPath(DefaultDirectory)))
        {
            var builtIn = Compiled.Value[0];
            return new ChosenPolicy(builtIn, () => PolicySources.Load(BuiltInPolicy.Input(withExamples: false)), "built in");
        }

        var given = paths.Count == 0 ? new[] { DefaultDirectory } : paths;
        try
        {
            var files = PolicySources.ReadPolicyFiles(given, context.WorkingDirectory);
            var hash = PolicyIdentity.HashOf(files);
            if (Compiled.Value.FirstOrDefault(c => string.Equals(c.Hash, hash, StringComparison.Ordinal)) is not { } compiled
                || !SameDocuments(files, context))
            {
                return null;
            }

            return new ChosenPolicy(compiled, () => PolicySources.Load(given, withExamples: false, context.WorkingDirectory), string.Join(", ", given));
        }
        catch (PolicyReadException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the built-in policy's documents are beside <paramref name="files"/> with the same texts. Files
    /// with the built-in policy's hash share its layout: one directory, whose documents their headers name.
    /// </summary>
    private static bool SameDocuments(IReadOnlyList<InputFile> files, CliContext context)
    {
        var directory = Path.GetDirectoryName(context.FullPath(files[0].Path))!;
        return BuiltInPolicy.Input(withExamples: false).Documents.All(document =>
            string.Equals(PolicySources.ReadDocument(Path.Combine(directory, Path.GetFileName(document.Path))), document.Text, StringComparison.Ordinal));
    }

    private static ChosenPolicy? Report(ChosenPolicy chosen, CliContext context)
    {
        foreach (var diagnostic in chosen.Loaded.Diagnostics)
        {
            context.Error.WriteLine(diagnostic.ToString());
        }

        return chosen.Loaded.HasErrors ? null : chosen;
    }
}
