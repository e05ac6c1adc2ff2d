using System;
using System.IO;

namespace Xinji.Policy.Cli.Tests;

/// <summary><c>xinji-policy fmt [PATH...] [--check]</c>: what it writes, what it names, its exit codes.</summary>
public sealed class FmtCommandTests : IDisposable
{
    private const string Formatted = "policy P implements \"Doc\"\n\nsection \"S\"\n\nclause A\n  quote \"q\"\n  always\n  then free\n";

    private const string Unformatted = "policy P implements \"Doc\"\nsection \"S\"\nclause A quote \"q\"\n     always then free\n";

    private const string Examples = "example \"e\" claim {\"a\":1} expect free remedies none cites A\n";

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private string Folder(params (string Name, string Text)[] files)
    {
        var folder = Directory.CreateDirectory(Path.Combine(temp.Path, "policy")).FullName;
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(folder, name), text);
        }

        return folder;
    }

    [Fact]
    public void Check_names_each_file_that_would_change_writes_nothing_and_exits_1()
    {
        var folder = Folder(("a.policy", Formatted), ("b.policy", Unformatted), ("c.examples", Examples));

        var result = InProcess.Run(new[] { "fmt", "--check" }, temp.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            new[]
            {
                Path.Combine("policy", "b.policy") + ": not formatted; 'xinji-policy fmt " + Path.Combine("policy", "b.policy") + "' formats it",
                Path.Combine("policy", "c.examples") + ": not formatted; 'xinji-policy fmt " + Path.Combine("policy", "c.examples") + "' formats it",
                "2 of 3 files not formatted",
            },
            result.StdOutLines);
        Assert.Equal(string.Empty, result.StdErr);
        Assert.Equal(Unformatted, File.ReadAllText(Path.Combine(folder, "b.policy")));
    }

    [Fact]
    public void Without_check_it_rewrites_the_files_in_place_and_then_check_passes()
    {
        var folder = Folder(("a.policy", Formatted), ("b.policy", Unformatted), ("c.examples", Examples));

        var result = InProcess.Run(new[] { "fmt", "policy" }, temp.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("2 of 3 files formatted", result.StdOutLines[^1]);
        Assert.Equal(Formatted, File.ReadAllText(Path.Combine(folder, "b.policy")));
        Assert.Equal(
            "example \"e\"\n  claim {\"a\": 1}\n  expect free\n    remedies none\n    cites A\n",
            File.ReadAllText(Path.Combine(folder, "c.examples")));
        Assert.Equal(0, InProcess.Run(new[] { "fmt", "--check", "policy" }, temp.Path).ExitCode);
    }

    [Fact]
    public void A_file_with_syntax_errors_is_left_untouched_and_its_errors_are_reported_in_the_compiler_s_format()
    {
        const string broken = "policy P implements \"Doc\"\nsection   \"S\"\nclause A\n  quote \"q\"\n  when and\n  then free\n";
        var folder = Folder(("a.policy", broken), ("b.policy", Unformatted));

        var result = InProcess.Run(new[] { "fmt", "policy" }, temp.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(broken, File.ReadAllText(Path.Combine(folder, "a.policy")));
        Assert.Equal(Formatted, File.ReadAllText(Path.Combine(folder, "b.policy")));
        Assert.Equal(
            Path.Combine("policy", "a.policy") + "(5,8): error XP0001: Expected an expression; found 'and'",
            Assert.Single(result.StdErrLines));
        Assert.Equal("1 of 2 files formatted, 1 file left unchanged because of syntax errors", result.StdOutLines[^1]);
    }

    [Fact]
    public void An_examples_file_given_alone_is_formatted_alone()
    {
        var folder = Folder(("b.policy", Unformatted), ("c.examples", Examples));

        var result = InProcess.Run(new[] { "fmt", Path.Combine("policy", "c.examples") }, temp.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("1 of 1 file formatted", result.StdOutLines[^1]);
        Assert.Equal(Unformatted, File.ReadAllText(Path.Combine(folder, "b.policy")));
    }

    [Fact]
    public void A_path_that_does_not_exist_is_invalid_input()
    {
        var result = InProcess.Run(new[] { "fmt", "nowhere" }, temp.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("xinji-policy: cannot read nowhere: no such file or directory", Assert.Single(result.StdErrLines));
    }
}
