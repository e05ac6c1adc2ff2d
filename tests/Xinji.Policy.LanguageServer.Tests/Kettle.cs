using System;
using System.IO;
using System.Linq;
using Xinji.Policy.Dsl.Driver;
using Xinji.Policy.LanguageServer.Protocol;

namespace Xinji.Policy.LanguageServer.Tests;

/// <summary>The kettle fixture policy, changed as a test needs, compiled with its examples and a source document.</summary>
internal static class Kettle
{
    public const string PolicyPath = "/kettle/kettle.policy";
    public const string ExamplesPath = "/kettle/kettle.examples";
    public const string DocumentPath = "/kettle/kettle.txt";

    public static string Document { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "kettle", "kettle.txt"));

    public const string Examples = """
        example "A broken element in the first year gets a new kettle"
          claim {"fault": "element", "boughtOn": "2024-01-10", "claimedOn": "2024-06-01"}
          expect free
            remedies newKettle
            cites G-1
        """;

    public static string Text { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "kettle", "kettle.policy"));

    /// <summary>G-2 made to overlap G-1: paid for any kettle not descaled, so the two conflict.</summary>
    public static string Conflicting { get; } = Text.Replace("when not guaranteeActive or fault is limescale", "when not descaled", StringComparison.Ordinal);

    public static PolicySnapshot Compile(string? policy = null, string? examples = null) =>
        PolicySnapshot.Compile(new PolicyDriver(), new DriverInput(
            new[] { new InputFile(PolicyPath, policy ?? Text), new InputFile(ExamplesPath, examples ?? Examples) },
            new[] { new InputFile(DocumentPath, Document) },
            analyze: true));

    public static string Uri(string path) => "file://" + path;

    /// <summary>The position of the first <paramref name="needle"/> after <paramref name="after"/>, moved by <paramref name="delta"/> characters.</summary>
    public static Position At(PolicySnapshot snapshot, string path, string needle, int delta = 0, string? after = null)
    {
        var text = snapshot.Text(path)!;
        var from = after is null ? 0 : text.IndexOf(after, StringComparison.Ordinal);
        var offset = text.IndexOf(needle, Math.Max(from, 0), StringComparison.Ordinal);
        Assert.True(offset >= 0, $"'{needle}' is in {path}");
        return snapshot.Lines(path).Position(offset + delta);
    }

    public static string Apply(string text, System.Collections.Generic.IEnumerable<TextEdit> edits)
    {
        var map = new LineMap(text);
        foreach (var edit in edits.OrderByDescending(e => map.Offset(e.Range.Start)))
        {
            text = text[..map.Offset(edit.Range.Start)] + edit.NewText + text[map.Offset(edit.Range.End)..];
        }

        return text;
    }
}
