using System;
using System.Collections.Generic;
using System.IO;
using Xinji.Policy.Runtime;

namespace Xinji.Policy.Cli;

/// <summary>
/// Runs a command over every claim of its inputs: one JSON line per claim, or text blocks headed
/// by where the claim came from. A bad claim is reported on stderr and the run goes on.
/// </summary>
internal static class ClaimBatch
{
    /// <returns>2 when any input was invalid, else 1 when the policy failed on a claim, else 0.</returns>
    public static int Run<T>(
        IEnumerable<string> paths,
        bool json,
        Func<ClaimInput, T> decide,
        Func<T, string> toJson,
        Action<TextWriter, T> writeText,
        CliContext context)
    {
        var output = context.Out;
        var error = context.Error;
        var invalid = false;
        var failed = false;
        var first = true;
        foreach (var path in paths)
        {
            try
            {
                foreach (var claim in ClaimSource.Read(path, context))
                {
                    try
                    {
                        var result = decide(claim);
                        if (json)
                        {
                            output.WriteLine(toJson(result));
                        }
                        else
                        {
                            if (!first)
                            {
                                output.WriteLine();
                            }

                            output.WriteLine("Claim:        " + claim.Origin);
                            writeText(output, result);
                        }

                        first = false;
                    }
                    catch (ClaimInputException problem)
                    {
                        error.WriteLine($"{claim.Origin}: invalid claim: {problem.Message}");
                        invalid = true;
                    }
                    catch (PolicyDefectException defect)
                    {
                        error.WriteLine($"{claim.Origin}: policy defect: {defect.Message}");
                        failed = true;
                    }
                }
            }
            catch (InputFileException missing)
            {
                error.WriteLine("xinji-policy: cannot read " + missing.Message);
                invalid = true;
            }
        }

        return invalid ? ExitCodes.InvalidInput : failed ? ExitCodes.Failure : ExitCodes.Success;
    }
}
