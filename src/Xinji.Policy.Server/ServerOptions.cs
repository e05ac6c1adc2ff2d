using System;
using System.Collections.Generic;
using System.IO;
using Xinji.Policy.DecisionLog;
using Xinji.Policy.Runtime;
using Xinji.Policy.Tooling;

namespace Xinji.Policy.Server;

/// <summary>What <c>xinji-policy serve</c> was asked for: where it listens, which policy it serves and where it logs decisions.</summary>
public sealed record ServerOptions
{
    /// <summary>Where the service listens when no URL is given: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5000";

    /// <summary>The most a single claim's body may hold by default: far more than any claim.</summary>
    public const long DefaultMaxClaimBytes = 64 * 1024;

    /// <summary>The most a JSON Lines batch may hold by default: some tens of thousands of claims.</summary>
    public const long DefaultMaxBatchBytes = 16 * 1024 * 1024;

    /// <summary>The URLs to listen on, as Kestrel reads them (<c>http://127.0.0.1:5000</c>).</summary>
    public IReadOnlyList<string> Urls { get; init; } = new[] { DefaultUrl };

    /// <summary>Reads the policy afresh (at start and on every change to <see cref="WatchDirectory"/>).</summary>
    /// <exception cref="PolicyReadException">The policy cannot be read.</exception>
    public required Func<LoadedPolicy> ReadPolicy { get; init; }

    /// <summary>The evaluator for a policy that bound: for one claim (what is quick to have), or for many (worth compiling).</summary>
    public required Func<LoadedPolicy, long, IPolicyEvaluator> Evaluator { get; init; }

    /// <summary>The folder whose changes make the service read the policy again; null for a policy that cannot change (built in).</summary>
    public string? WatchDirectory { get; init; }

    /// <summary>Where the policy came from, as the start-up line names it.</summary>
    public string PolicyOrigin { get; init; } = "policy";

    /// <summary>The keys callers may present; empty when none were given.</summary>
    public IReadOnlyList<ApiKey> ApiKeys { get; init; } = Array.Empty<ApiKey>();

    /// <summary>Where decisions are recorded before they are answered.</summary>
    public required IDecisionLog DecisionLog { get; init; }

    /// <summary>What the decision log is, as the start-up line names it.</summary>
    public string DecisionLogName { get; init; } = "memory";

    public long MaxClaimBytes { get; init; } = DefaultMaxClaimBytes;

    public long MaxBatchBytes { get; init; } = DefaultMaxBatchBytes;

    /// <summary>Where the service says what it is doing: the start-up line.</summary>
    public TextWriter Out { get; init; } = TextWriter.Null;

    /// <summary>The server log: refused policy edits in compiler format, reloads, failures.</summary>
    public TextWriter Log { get; init; } = TextWriter.Null;
}
