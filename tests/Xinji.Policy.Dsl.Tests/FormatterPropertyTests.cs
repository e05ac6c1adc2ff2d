using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Driver;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Dsl.Tests;

/// <summary>
/// The formatter's three promises, over the shipped policy and its examples, every fixture, every
/// kept fuzz input and mutated inputs from the fuzzer: formatting twice gives the text formatting
/// once gives; the formatted files bind to the same policy as the originals (compared field by
/// field, positions left out); a file with syntax errors comes back untouched with its errors.
/// </summary>
public sealed class FormatterPropertyTests
{
    private const int DefaultMutatedInputs = 250;

    public static TheoryData<string> Policies()
    {
        var data = new TheoryData<string> { "policy" };
        var fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures");
        var invalid = Path.Combine(fixtures, "policies", "invalid");
        foreach (var folder in Directory.GetDirectories(Path.Combine(fixtures, "policies"), "*", SearchOption.AllDirectories)
                     .Where(d => d != invalid && Directory.GetFiles(d, "*.policy").Length > 0)
                     .OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(AppContext.BaseDirectory, folder));
        }

        // Each invalid fixture is a policy of its own.
        foreach (var file in Directory.GetFiles(invalid, "*.policy").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(AppContext.BaseDirectory, file));
        }

        foreach (var folder in Directory.GetDirectories(Path.Combine(fixtures, "fuzz")).OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(AppContext.BaseDirectory, folder));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void Formatting_is_stable_and_keeps_what_the_policy_says(string relativePath)
    {
        var path = Path.Combine(AppContext.BaseDirectory, relativePath);
        var files = (Directory.Exists(path) ? Directory.GetFiles(path) : new[] { path })
            .Where(f => PolicyDriver.IsPolicyFile(f) || PolicyDriver.IsExamplesFile(f))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (Path: f, Text: File.ReadAllText(f)))
            .ToList();
        Assert.NotEmpty(files);

        var failure = Check(files, withDocuments: true);

        Assert.True(failure is null, failure);
    }

    [Fact]
    public void Every_formatted_fixture_that_parses_is_formatted_not_copied()
    {
        // The corpus is not already in the layout, so the properties above are not checked on copies.
        var fixtures = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "fixtures", "policies"), "*.policy", SearchOption.AllDirectories);
        var changed = fixtures.Count(f => PolicyFormatter.Format(f, File.ReadAllText(f)) is { Succeeded: true } result && result.Text != File.ReadAllText(f));

        Assert.True(changed > 5, $"only {changed} fixtures change when formatted");
    }

    [Fact]
    public void Mutated_policies_are_formatted_stably_and_keep_their_meaning_or_are_left_untouched()
    {
        var inputs = int.TryParse(Environment.GetEnvironmentVariable("XINJI_FORMAT_FUZZ_INPUTS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : DefaultMutatedInputs;
        var corpus = FuzzCorpus.Load();
        var failures = new List<string>();
        var formatted = 0;
        for (var index = 0; index < inputs && failures.Count < 5; index++)
        {
            var files = corpus.Mutate(seed: 11, index);
            var failure = FrontEnd.OnSmallStack(() => Check(files, withDocuments: false));
            if (failure is not null)
            {
                failures.Add($"input {index}: {failure}");
            }

            formatted += files.All(f => Parse(f.Path, f.Text).Diagnostics.Count == 0) ? 1 : 0;
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(formatted > inputs / 10, $"only {formatted} of {inputs} mutated inputs parse, too few to test the layout on");
    }

    [Fact]
    public void A_comment_between_any_two_tokens_stays_and_the_layout_is_stable()
    {
        var failures = new List<string>();
        var tried = 0;
        var folder = Path.Combine(AppContext.BaseDirectory, "policy");
        foreach (var path in Directory.GetFiles(folder).Where(f => PolicyDriver.IsPolicyFile(f) || PolicyDriver.IsExamplesFile(f)).OrderBy(f => f, StringComparer.Ordinal))
        {
            var text = File.ReadAllText(path);
            var boundaries = TokenEnds(text);

            // Some thirty places in each file, taken evenly, each way: on its own line or after the token.
            for (var b = 0; b < boundaries.Count; b += Math.Max(1, boundaries.Count / 30))
            {
                var own = b % 2 == 0;
                var commented = text.Insert(boundaries[b], own ? "\n    # inserted\n  " : " # inserted\n  ");
                if (Parse(path, commented).Diagnostics.Count > 0)
                {
                    continue; // inside a string or a claim, where '#' is not a comment
                }

                tried++;
                var once = PolicyFormatter.Format(path, commented);
                var twice = PolicyFormatter.Format(path, once.Text);
                if (!once.Succeeded || twice.Text != once.Text || !once.Text.Contains("# inserted", StringComparison.Ordinal))
                {
                    failures.Add($"{Path.GetFileName(path)} at {boundaries[b]} ({(own ? "own line" : "trailing")}): {string.Join("; ", once.Diagnostics)}{Environment.NewLine}{once.Text}{Environment.NewLine}---{Environment.NewLine}{twice.Text}");
                }
            }
        }

        Assert.True(tried > 200, $"only {tried} places tried");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(3)));
    }

    /// <summary>Where a token ends and white space follows, outside strings and comments.</summary>
    private static List<int> TokenEnds(string text)
    {
        var ends = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                for (i++; i < text.Length && text[i] is not ('"' or '\n'); i++)
                {
                    i += text[i] == '\\' ? 1 : 0;
                }
            }
            else if (text[i] == '#')
            {
                while (i + 1 < text.Length && text[i + 1] != '\n')
                {
                    i++;
                }
            }
            else if (i > 0 && char.IsWhiteSpace(text[i]) && !char.IsWhiteSpace(text[i - 1]))
            {
                ends.Add(i);
            }
        }

        return ends;
    }

    /// <summary>What breaks a promise for this set of files, or null.</summary>
    private static string? Check(IReadOnlyList<(string Path, string Text)> files, bool withDocuments)
    {
        var once = new List<(string Path, string Text)>();
        foreach (var (path, text) in files)
        {
            var result = PolicyFormatter.Format(path, text);
            var parsed = Parse(path, text);
            if (parsed.Diagnostics.Count > 0)
            {
                if (!ReferenceEquals(result.Text, text) || !result.Diagnostics.Equals(parsed.Diagnostics))
                {
                    return $"{path}: has syntax errors but was changed or reported otherwise: {string.Join("; ", result.Diagnostics)}";
                }

                once.Add((path, text));
                continue;
            }

            if (!result.Succeeded)
            {
                return $"{path}: parses but was not formatted: {string.Join("; ", result.Diagnostics)}";
            }

            var twice = PolicyFormatter.Format(path, result.Text);
            if (twice.Text != result.Text)
            {
                return $"{path}: formatting again changes it:{Environment.NewLine}{result.Text}{Environment.NewLine}---{Environment.NewLine}{twice.Text}";
            }

            once.Add((path, result.Text));
        }

        var before = Bind(files, withDocuments);
        var after = Bind(once, withDocuments);
        return before == after ? null : $"the formatted files bind differently:{Environment.NewLine}{before}{Environment.NewLine}---{Environment.NewLine}{after}";
    }

    private static PolicyFile Parse(string path, string text) =>
        PolicyDriver.IsExamplesFile(path) ? PolicyParser.ParseExamples(path, text) : PolicyParser.Parse(path, text);

    /// <summary>The bound policy (or, on errors, its vocabulary) and the diagnostics' ids, positions left out.</summary>
    private static string Bind(IReadOnlyList<(string Path, string Text)> files, bool withDocuments)
    {
        var driver = new PolicyDriver(capacity: 1);
        var inputs = files.Select(f => new InputFile(f.Path, f.Text)).ToList();
        var documents = withDocuments
            ? PolicyDriver.DocumentPaths(inputs.Select(driver.Parse)).Where(File.Exists).Select(d => new InputFile(d, File.ReadAllText(d))).ToList()
            : new List<InputFile>();
        var result = driver.Compile(new DriverInput(inputs, documents));
        var shape = new StringBuilder();
        Shape(result.Policy is null ? result.Vocabulary : result.Policy, shape, null);
        shape.AppendLine().Append(string.Join(", ", result.Diagnostics.Select(d => d.Id)));
        return shape.ToString();
    }

    /// <summary>An object's fields as text, recursively, without its positions.</summary>
    private static void Shape(object? value, StringBuilder shape, string? name)
    {
        switch (value)
        {
            case null:
                shape.Append("null");
                return;
            case string text:
                // A claim stays its JSON text; the layout changes only the white space outside its strings.
                shape.Append('"').Append(name == nameof(BoundExample.ClaimJson) ? WithoutJsonSpace(text) : text).Append('"');
                return;
            case SourceSpan or SourceLocation:
                shape.Append('_');
                return;
            case IEnumerable items:
                shape.Append('[');
                foreach (var item in items)
                {
                    Shape(item, shape, null);
                    shape.Append(", ");
                }

                shape.Append(']');
                return;
        }

        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum)
        {
            shape.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
            return;
        }

        shape.Append(type.Name).Append('(');
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract").OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            shape.Append(property.Name).Append(": ");
            Shape(property.GetValue(value), shape, property.Name);
            shape.Append(", ");
        }

        shape.Append(')');
    }

    private static string WithoutJsonSpace(string json)
    {
        var text = new StringBuilder();
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                text.Append(c);
                if (c == '\\' && i + 1 < json.Length)
                {
                    text.Append(json[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
                text.Append(c);
            }
            else if (!char.IsWhiteSpace(c))
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
