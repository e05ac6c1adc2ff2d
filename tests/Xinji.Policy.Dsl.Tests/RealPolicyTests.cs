using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Syntax;

namespace Xinji.Policy.Dsl.Tests;

/// <summary>The shipped policy against the document it transcribes.</summary>
public class RealPolicyTests
{
    private static readonly string PolicyDirectory = Path.Combine(AppContext.BaseDirectory, "policy");
    private static readonly string DocumentPath = Path.Combine(PolicyDirectory, "after-sales-service-standard.txt");

    private static BindingResult BindRealPolicy()
    {
        var files = Directory.GetFiles(PolicyDirectory, "*.policy").Select(f => PolicyParser.Parse(Path.GetFullPath(f), File.ReadAllText(f))).ToList();
        var documents = new Dictionary<string, string> { [Path.GetFullPath(DocumentPath)] = File.ReadAllText(DocumentPath) };
        return PolicyBinder.Bind(files, documents);
    }

    [Fact]
    public void The_shipped_policy_binds_without_diagnostics()
    {
        var result = BindRealPolicy();

        Assert.Empty(result.Diagnostics.Select(d => d.ToString()));
        Assert.NotNull(result.Policy);
    }

    [Fact]
    public void Every_sentence_of_the_document_is_quoted_by_a_clause_a_definition_or_a_recital_or_is_a_section_heading()
    {
        var policy = BindRealPolicy().Policy!;
        var quotes = policy.Clauses.SelectMany(c => c.Quotes)
            .Concat(policy.Definitions.SelectMany(d => d.Quotes))
            .Concat(policy.Recitals.SelectMany(r => r.Quotes))
            .Select(SourceDocument.Normalize)
            .ToList();
        var headings = policy.Clauses.Select(c => c.Section).Concat(policy.Recitals.Select(r => r.Section)).ToHashSet();

        var unquoted = new List<string>();
        foreach (var sentence in SourceDocument.Sentences(File.ReadAllText(DocumentPath)))
        {
            if (headings.Contains(sentence))
            {
                continue;
            }

            // A long sentence may be quoted in parts (one exclusion per clause): what is left
            // once every quote is taken out must be punctuation only.
            var rest = quotes.Aggregate(sentence, (text, quote) => text.Replace(quote, " "));
            if (Regex.IsMatch(rest, @"[A-Za-z]"))
            {
                unquoted.Add(sentence + "  [unquoted: " + rest.Trim() + "]");
            }
        }

        Assert.Empty(unquoted);
    }

    [Fact]
    public void The_document_has_the_sentences_the_coverage_check_expects()
    {
        var sentences = SourceDocument.Sentences(File.ReadAllText(DocumentPath));

        // Four headings and twenty-six sentences; a change here means the splitter or the document changed.
        Assert.Equal(30, sentences.Count);
        Assert.Contains("Warranty sticker is missing/misplaced or altered.", sentences);
        Assert.Contains("During the warranty period, if the watch has non-artificial damage and product quality problems, it can be replaced for free;", sentences);
    }

    [Fact]
    public void Every_exclusion_clause_decides_paid_and_every_section_of_the_document_has_clauses()
    {
        var policy = BindRealPolicy().Policy!;

        Assert.All(policy.Clauses.Where(c => c.Section == "Warranty Exclusions" && c.Decides is not null), c => Assert.Equal(CoverageDecision.Paid, c.Decides));
        Assert.Equal(
            new[] { "After-sales Service Standard", "Warranty Duration", "Warranty Exclusions", "Warranty Policy" },
            policy.Clauses.Select(c => c.Section).Concat(policy.Recitals.Select(r => r.Section)).Distinct().OrderBy(s => s, StringComparer.Ordinal));
    }
}
