using System;
using System.IO;
using System.Linq;
using Xinji.Policy.Dsl.Driver;
using Xinji.Policy.LanguageServer.Protocol;
using Range = Xinji.Policy.LanguageServer.Protocol.Range;

namespace Xinji.Policy.LanguageServer.Tests;

/// <summary>Every feature on mutated texts of the shipped policy, at positions in and around the text: none throws.</summary>
public sealed class RobustnessTests
{
    private static readonly string[] Fragments = { "\"", "{", "}", "(", ")", "is ", "in {", "exception to ", "quote \"", "\n", "#", "-", "\u0000", "clause ", "\t", "é", "WP-2" };

    [Fact]
    public void No_feature_throws_on_mutated_policy_text()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "policy");
        var files = Directory.GetFiles(folder).Where(PolicyWorkspace.IsPolicyText).OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new InputFile(f, File.ReadAllText(f))).ToList();
        var documents = Directory.GetFiles(folder, "*.txt").Select(f => new InputFile(f, File.ReadAllText(f))).ToList();
        var random = new Random(20261201);
        var driver = new PolicyDriver();

        for (var round = 0; round < 60; round++)
        {
            var target = random.Next(files.Count);
            var text = files[target].Text;
            for (var edit = random.Next(1, 4); edit > 0; edit--)
            {
                var at = random.Next(text.Length + 1);
                var cut = Math.Min(random.Next(0, 12), text.Length - at);
                text = text[..at] + Fragments[random.Next(Fragments.Length)] + text[(at + cut)..];
            }

            var mutated = files.Select((f, i) => i == target ? f with { Text = text } : f).ToList();
            var snapshot = PolicySnapshot.Compile(driver, new DriverInput(mutated, documents, analyze: round % 10 == 0));
            var path = files[target].Path;
            var lines = snapshot.Lines(path);
            for (var probe = 0; probe < 8; probe++)
            {
                var position = probe == 0 ? new Position(lines.LineCount + 3, 500) : lines.Position(random.Next(text.Length + 1));
                _ = Hovers.At(snapshot, path, position);
                _ = Navigation.Definition(snapshot, path, position, Kettle.Uri);
                _ = Navigation.References(snapshot, path, position, includeDeclaration: true, Kettle.Uri);
                _ = Navigation.Rename(snapshot, path, position, "renamed", Kettle.Uri);
                _ = Completions.At(snapshot, path, position);
                _ = CodeActions.For(snapshot, path, new Range(position, position), Kettle.Uri);
            }

            _ = Navigation.Outline(snapshot, path);
            _ = Formatter.Edits(snapshot, path);
            _ = LspDiagnostics.ByFile(snapshot, Kettle.Uri);
        }
    }
}
