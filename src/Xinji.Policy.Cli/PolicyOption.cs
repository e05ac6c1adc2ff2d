using System.IO;
using Xinji.Policy.Runtime;
using Xinji.Policy.Tooling;
using Xinji.Warranty;

namespace Xinji.Policy.Cli;

/// <summary>The policy a command works with: the compiled XINJI policy, or one read with --policy.</summary>
internal static class PolicyOption
{
    /// <summary>The evaluator, or null after printing why the policy cannot be used.</summary>
    public static IPolicyEvaluator? Evaluator(string? path, TextWriter error)
    {
        if (path is null)
        {
            return WarrantyPolicy.Instance;
        }

        var loaded = Load(path, error);
        return loaded?.Policy is { } policy ? new InterpretedEvaluator(policy) : null;
    }

    /// <summary>Loads and binds a policy, printing its diagnostics; null when it cannot be used.</summary>
    public static LoadedPolicy? Load(string path, TextWriter error)
    {
        LoadedPolicy loaded;
        try
        {
            loaded = PolicyLoader.Load(new[] { path });
        }
        catch (FileNotFoundException missing)
        {
            error.WriteLine($"xinji-policy: cannot read {missing.FileName}: {missing.Message}");
            return null;
        }

        foreach (var diagnostic in loaded.Diagnostics)
        {
            error.WriteLine(diagnostic.ToString());
        }

        return loaded.HasErrors ? null : loaded;
    }
}
