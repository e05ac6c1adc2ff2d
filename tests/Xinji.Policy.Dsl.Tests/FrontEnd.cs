using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Driver;
using Xinji.Policy.Testing;

namespace Xinji.Policy.Dsl.Tests;

/// <summary>
/// The front end as a tool runs it, on a thread with a small stack and a hang guard: what an
/// editor or a build gives a policy file it has never seen.
/// </summary>
internal static class FrontEnd
{
    /// <summary>The stack of a thread-pool thread on some platforms, and less than a compiler's.</summary>
    public const int StackSize = 1024 * 1024;

    /// <summary>
    /// Not a timing: only a detector for a hang (an exponential parse takes years), so generous
    /// that no healthy run comes near it, even on a loaded machine.
    /// </summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Parse, bind and (when the policy binds) analyse, through the driver every tool uses; a new
    /// driver each time, so no cached result stands in for the work.
    /// </summary>
    public static IReadOnlyList<PolicyDiagnostic> Check(IReadOnlyList<(string Path, string Text)> files) =>
        Check(new DriverInput(files.Select(f => new InputFile(f.Path, f.Text)), Array.Empty<InputFile>(), analyze: true));

    /// <summary>Checks one policy file, given the document of the sentences it quotes (<see cref="QuotedSentences"/>).</summary>
    public static IReadOnlyList<PolicyDiagnostic> Check(string text) => Check(QuotedSentences.Input(new[] { ("/p/test.policy", text) }));

    private static IReadOnlyList<PolicyDiagnostic> Check(DriverInput input)
    {
        using var cancellation = new CancellationTokenSource(HangGuard);
        return new PolicyDriver(capacity: 1).Compile(input, cancellation.Token).Diagnostics;
    }

    /// <summary>Runs the work on a thread with <see cref="StackSize"/>; a hang is a <see cref="TimeoutException"/>.</summary>
    public static T OnSmallStack<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
        }, StackSize)
        {
            IsBackground = true,
        };
        thread.Start();
        if (!thread.Join(HangGuard))
        {
            throw new TimeoutException($"Still running after {HangGuard.TotalSeconds} s: a hang");
        }

        error?.Throw();
        return result;
    }
}
