using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using Xinji.Policy.Dsl.Driver;
using Xinji.Policy.Runtime;
using Xinji.Policy.Tooling;
using Xinji.Warranty;

namespace Xinji.Policy.Cli;

/// <summary>A policy a command works with, and where it came from as the output names it.</summary>
internal sealed record ChosenPolicy(LoadedPolicy Loaded, string Where)
{
    public PolicyIdentity Identity => Loaded.Identity;
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
    private static readonly Lazy<IReadOnlyList<CompiledPolicy>> Compiled = new(() => new[]
    {
        new CompiledPolicy(PolicySources.Load(BuiltInPolicy.Input(withExamples: false)).Identity.Hash, WarrantyPolicy.Instance),
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
        Report(Read(paths, withExamples, context), context);

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
    public static IPolicyEvaluator Evaluator(ChosenPolicy chosen) => PolicyEvaluators.For(chosen.Loaded, Compiled.Value);

    /// <summary><c>Policy:       Warranty sha256:… (policy)</c>: the first line of a command's text output.</summary>
    public static void WriteHeader(TextWriter output, ChosenPolicy chosen, string label = "Policy:", bool deciding = false)
    {
        var how = !deciding ? string.Empty
            : PolicyEvaluators.IsCompiled(chosen.Loaded, Compiled.Value) ? ", compiled evaluator" : ", reference interpreter";
        output.WriteLine($"{label,-13} {chosen.Identity} ({chosen.Where}{how})");
    }

    /// <summary>
    /// A JSON object line with <c>"policy":{"name":…,"hash":…}</c> as its first member, in place of a
    /// <c>"policy":"Name"</c> it starts with (as an explanation does).
    /// </summary>
    public static string WithPolicy(string jsonObject, PolicyIdentity identity)
    {
        var policy = "\"policy\":{\"name\":" + JsonSerializer.Serialize(identity.Name, Relaxed) + ",\"hash\":\"" + identity.Hash + "\"}";
        const string NameMember = "{\"policy\":\"";
        if (jsonObject.StartsWith(NameMember, StringComparison.Ordinal) && jsonObject.IndexOf("\",", NameMember.Length, StringComparison.Ordinal) is var end and > 0)
        {
            jsonObject = string.Concat("{", jsonObject.AsSpan(end + 2));
        }

        return jsonObject.Length > 2 ? string.Concat("{" + policy + ",", jsonObject.AsSpan(1)) : "{" + policy + "}";
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
