using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Tooling;

namespace Xinji.Policy.Cli.Commands;

/// <summary>
/// <c>fmt [PATH...] [--check]</c>: writes policy and examples files in the canonical layout
/// (<see cref="PolicyFormatter"/>). With <c>--check</c> nothing is written and each file that would
/// change is named. Exit 0 when every file is (or now is) formatted, 1 when <c>--check</c> finds one
/// that is not or a file has syntax errors (left untouched, its errors in the compiler's format),
/// 2 when a path cannot be read.
/// </summary>
internal static class FmtCommand
{
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Policy directories (their .policy and .examples files), or .policy and .examples files (default: policy/).",
            Arity = ArgumentArity.ZeroOrMore,
            DefaultValueFactory = _ => new[] { "policy" },
        };
        paths.Validators.Add(CommandLine.RejectOptionLikeFiles);
        var check = new Option<bool>("--check")
        {
            Description = "Write nothing; name each file that is not formatted, and exit 1 if there is one.",
        };

        var command = new Command("fmt", "Format policy and examples files in the one canonical layout, in place.")
        {
            paths,
            check,
        };
        command.SetAction(parse => Run(parse.GetValue(paths)!, parse.GetValue(check), context));
        return command;
    }

    /// <exception cref="PolicyReadException">A path cannot be read (reported by <see cref="CliApplication"/>).</exception>
    public static int Run(IReadOnlyList<string> paths, bool check, CliContext context)
    {
        var files = Selected(paths, context);
        var errors = 0;
        var changed = 0;
        foreach (var file in files)
        {
            var result = PolicyFormatter.Format(file.Path, file.Text);
            if (!result.Succeeded)
            {
                errors++;
                foreach (var diagnostic in result.Diagnostics)
                {
                    context.Error.WriteLine(diagnostic.ToString());
                }

                continue;
            }

            if (string.Equals(result.Text, file.Text, StringComparison.Ordinal))
            {
                continue;
            }

            changed++;
            if (check)
            {
                context.Out.WriteLine($"{file.Path}: not formatted; 'xinji-policy fmt {file.Path}' formats it");
            }
            else
            {
                File.WriteAllText(context.FullPath(file.Path), result.Text, Utf8WithoutBom);
                context.Out.WriteLine($"{file.Path}: formatted");
            }
        }

        var summary = check ? $"{changed} of {Files(files.Count)} not formatted" : $"{changed} of {Files(files.Count)} formatted";
        context.Out.WriteLine(errors == 0 ? summary : $"{summary}, {Files(errors)} left unchanged because of syntax errors");
        return errors > 0 || (check && changed > 0) ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static string Files(int count) => count + (count == 1 ? " file" : " files");

    /// <summary>
    /// The files the paths stand for, read as every command reads them: a directory's <c>.policy</c>
    /// and <c>.examples</c> files, or each file given (and not the policy beside an examples file).
    /// </summary>
    private static List<(string Path, string Text)> Selected(IReadOnlyList<string> paths, CliContext context)
    {
        var given = paths.Select(context.FullPath).ToList();
        var input = PolicySources.Read(paths, withExamples: true, context.WorkingDirectory);
        return input.PolicyFiles
            .Where(f =>
            {
                var full = context.FullPath(f.Path);
                return given.Any(g => string.Equals(g, full, StringComparison.Ordinal)
                                      || string.Equals(Path.TrimEndingDirectorySeparator(g), Path.GetDirectoryName(full), StringComparison.Ordinal));
            })
            .Select(f => (f.Path, f.Text))
            .ToList();
    }
}
