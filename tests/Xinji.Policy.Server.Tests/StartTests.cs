using System.IO;
using System.Threading.Tasks;

namespace Xinji.Policy.Server.Tests;

/// <summary>Starts the service must refuse: each with a one-line reason, exit code 2, and no listening.</summary>
public sealed class StartTests
{
    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://*:0")]
    [InlineData("http://127.0.0.1:0;http://[::]:0")]
    public async Task Another_address_than_loopback_is_refused_without_a_key_file(string urls)
    {
        using var folder = new TempFolder();
        var run = await ServeProcess.RunAsync(folder.Path, "serve", "--urls", urls);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--api-key-file", run.StdErr, System.StringComparison.Ordinal);
        Assert.DoesNotContain("listening", run.StdOut, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_file_with_a_short_key_is_refused_naming_its_line()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "keys.txt"), "# keys\nshop short\n");
        var run = await ServeProcess.RunAsync(folder.Path, "serve", "--api-key-file", "keys.txt");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("xinji-policy: --api-key-file: keys.txt(2): ", run.StdErr, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_policy_with_errors_is_not_served_and_its_errors_are_logged_in_compiler_format()
    {
        using var folder = new TempFolder();
        var policy = folder.CopyPolicy("lamp");
        var file = Path.Combine(policy, "lamp.policy");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("then paid", "then paid\n       remedy newBulb", System.StringComparison.Ordinal));
        var run = await ServeProcess.RunAsync(folder.Path, "serve", "--urls", "http://127.0.0.1:0");
        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"policy/lamp\.policy\(\d+,\d+\): error XP\d{4}: ", run.StdErr);
        Assert.DoesNotContain("listening", run.StdOut, System.StringComparison.Ordinal);
    }
}
