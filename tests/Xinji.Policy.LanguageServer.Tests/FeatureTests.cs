using System.Linq;
using Xinji.Policy.Dsl.Diagnostics;

namespace Xinji.Policy.LanguageServer.Tests;

public sealed class FeatureTests
{
    [Fact]
    public void The_fixture_compiles_without_diagnostics()
    {
        var snapshot = Kettle.Compile();
        Assert.Empty(snapshot.Result.Diagnostics);
        Assert.True(snapshot.Result.Analyzed);
    }

    [Fact]
    public void Definition_of_a_clause_id_in_examples_cites_is_the_clause()
    {
        var snapshot = Kettle.Compile();
        var location = Navigation.Definition(snapshot, Kettle.ExamplesPath, Kettle.At(snapshot, Kettle.ExamplesPath, "cites G-1", 7), Kettle.Uri);

        Assert.NotNull(location);
        Assert.Equal(Kettle.Uri(Kettle.PolicyPath), location.Uri);
        Assert.Equal(Kettle.At(snapshot, Kettle.PolicyPath, "G-1"), location.Range.Start);
    }

    [Fact]
    public void References_of_a_fact_are_its_uses_in_expressions_rejections_and_example_claims()
    {
        var snapshot = Kettle.Compile();
        var references = Navigation.References(snapshot, Kettle.PolicyPath, Kettle.At(snapshot, Kettle.PolicyPath, "fact claimedOn", 6), includeDeclaration: false, Kettle.Uri);

        // define guaranteeActive (twice), reject's field and condition, and the example's claim.
        Assert.Equal(5, references.Count);
        Assert.Single(references, r => r.Uri == Kettle.Uri(Kettle.ExamplesPath));
    }

    [Fact]
    public void Renaming_an_enum_value_changes_its_uses_and_the_example_claims_string()
    {
        var snapshot = Kettle.Compile();
        var (edit, refusal) = Navigation.Rename(snapshot, Kettle.PolicyPath, Kettle.At(snapshot, Kettle.PolicyPath, "element"), "heater", Kettle.Uri);

        Assert.Null(refusal);
        var policy = Kettle.Apply(Kettle.Text, edit!.Changes![Kettle.Uri(Kettle.PolicyPath)]);
        var examples = Kettle.Apply(Kettle.Examples, edit.Changes[Kettle.Uri(Kettle.ExamplesPath)]);
        Assert.Contains("enum Fault = heater | lid | limescale", policy);
        Assert.Contains("\"fault\": \"heater\"", examples);
        Assert.Empty(Kettle.Compile(policy, examples).Result.Diagnostics);
    }

    [Theory]
    [InlineData("lid", "a value of Fault")]
    [InlineData("claimedOn", "the fact claimedOn")]
    [InlineData("guaranteeActive", "the definition guaranteeActive")]
    public void Renaming_a_fact_to_a_name_the_policy_uses_is_refused(string taken, string named)
    {
        var snapshot = Kettle.Compile();
        var (edit, refusal) = Navigation.Rename(snapshot, Kettle.PolicyPath, Kettle.At(snapshot, Kettle.PolicyPath, "fact descaled", 6), taken, Kettle.Uri);

        Assert.Null(edit);
        Assert.Equal($"'{taken}' is taken: it already names {named}.", refusal);
    }

    [Theory]
    [InlineData("not a name")]
    [InlineData("when")]
    [InlineData("")]
    public void Renaming_to_something_that_is_not_a_name_is_refused(string newName)
    {
        var snapshot = Kettle.Compile();
        var (edit, refusal) = Navigation.Rename(snapshot, Kettle.PolicyPath, Kettle.At(snapshot, Kettle.PolicyPath, "fact descaled", 6), newName, Kettle.Uri);

        Assert.Null(edit);
        Assert.StartsWith($"'{newName}' is not a name", refusal);
    }

    [Fact]
    public void Renaming_a_clause_to_another_clauses_id_is_refused()
    {
        var snapshot = Kettle.Compile();
        var (_, refusal) = Navigation.Rename(snapshot, Kettle.PolicyPath, Kettle.At(snapshot, Kettle.PolicyPath, "G-1"), "G-2", Kettle.Uri);

        Assert.Equal("'G-2' is taken: it already names clause G-2.", refusal);
    }

    [Fact]
    public void Completion_after_is_offers_the_values_of_the_left_sides_enum()
    {
        var snapshot = Kettle.Compile();
        var list = Completions.At(snapshot, Kettle.PolicyPath, Kettle.At(snapshot, Kettle.PolicyPath, "fault is not limescale", "fault is ".Length));

        Assert.Equal(new[] { "element", "lid", "limescale", "not", "known" }, list.Items.Select(i => i.Label));
    }

    [Fact]
    public void Completion_in_a_quote_offers_the_sentences_no_clause_quotes_first()
    {
        var text = Kettle.Text.Replace("  quote \"Descale the kettle monthly.\"", "  quote \"", System.StringComparison.Ordinal);
        var snapshot = Kettle.Compile(text);
        var list = Completions.At(snapshot, Kettle.PolicyPath, Kettle.At(snapshot, Kettle.PolicyPath, "quote \"\n", "quote \"".Length));

        var ordered = list.Items.OrderBy(i => i.SortText, System.StringComparer.Ordinal).Select(i => i.Label).ToList();
        Assert.Equal(new[] { "Kettle Guarantee", "Descale the kettle monthly.", "Keep the receipt." }, ordered.Take(3));
        Assert.Equal("Descale the kettle monthly.\"", list.Items.Single(i => i.Label == "Descale the kettle monthly.").TextEdit!.NewText);
    }

    [Fact]
    public void Completion_after_exception_to_offers_the_other_clauses()
    {
        var text = Kettle.Text.Replace("clause G-3\n", "clause G-3\n  exception to \n", System.StringComparison.Ordinal);
        var snapshot = Kettle.Compile(text);
        var list = Completions.At(snapshot, Kettle.PolicyPath, Kettle.At(snapshot, Kettle.PolicyPath, "exception to \n", "exception to ".Length));

        Assert.Equal(new[] { "G-1", "G-2" }, list.Items.Select(i => i.Label).Order(System.StringComparer.Ordinal));
    }

    [Fact]
    public void Hover_on_a_fact_shows_its_type_default_and_description()
    {
        var snapshot = Kettle.Compile();
        var hover = Hovers.At(snapshot, Kettle.PolicyPath, Kettle.At(snapshot, Kettle.PolicyPath, "when not descaled", 10));

        Assert.Equal("**fact** `descaled`: `bool` = `true`\n\nThe owner descaled the kettle as the manual says.", hover!.Contents.Value);
    }

    [Fact]
    public void Hover_on_a_provable_fact_says_so()
    {
        var snapshot = Kettle.Compile(Kettle.Text.Replace("\"The owner descaled the kettle as the manual says.\"", "\"The owner descaled the kettle as the manual says.\" provable", System.StringComparison.Ordinal));
        var hover = Hovers.At(snapshot, Kettle.PolicyPath, Kettle.At(snapshot, Kettle.PolicyPath, "when not descaled", 10));

        Assert.Equal("**fact** `descaled`: `bool` = `true`\n\nThe owner descaled the kettle as the manual says.\n\n*Provable*: the customer can bring it about or prove it, so `explain` may offer a change to it.", hover!.Contents.Value);
    }

    [Fact]
    public void Hover_on_a_date_definition_shows_how_far_its_steps_move_it_and_when_it_is_unknown()
    {
        var text = Kettle.Text.Replace("warranty from guaranteeStart through guaranteeStart + 24 months - 1 day",
            "define guaranteeEnd = guaranteeStart + 24 months - 1 day\n  \"The last day of the guarantee.\"\nwarranty from guaranteeStart through guaranteeEnd", System.StringComparison.Ordinal);
        var snapshot = Kettle.Compile(text);
        var hover = Hovers.At(snapshot, Kettle.PolicyPath, Kettle.At(snapshot, Kettle.PolicyPath, "through guaranteeEnd", "through ".Length));

        // Two calendar years are 730 or 731 days, as they hold a February 29 or not.
        Assert.Equal("""
            **define** `guaranteeEnd`: `optional date`

            ```xinji-policy
            guaranteeStart + 24 months - 1 day
            ```

            The last day of the guarantee.

            Range: 729 to 730 days after `guaranteeStart`, as the months' lengths fall.

            Unknown when `boughtOn` is unknown.
            """.Replace("\r\n", "\n", System.StringComparison.Ordinal), hover!.Contents.Value);
    }

    [Theory]
    [InlineData("earliest(boughtOn, registeredOn)", "Unknown when `boughtOn` and `registeredOn` are both unknown.")]
    [InlineData("if registeredOn > boughtOn then registeredOn else boughtOn", "Unknown when `boughtOn` is unknown.")]
    [InlineData("if boughtOn is known then boughtOn else registeredOn", "Unknown when `boughtOn` and `registeredOn` are both unknown.")]
    [InlineData("latest(boughtOn, claimedOn)", null)]
    public void Hover_on_an_optional_definition_says_in_which_claims_it_is_unknown(string formula, string? missing)
    {
        var text = Kettle.Text
            .Replace("fact claimedOn: date\n", "fact registeredOn: optional date\n  \"The day the kettle was registered online.\"\nfact claimedOn: date\n", System.StringComparison.Ordinal)
            .Replace("define guaranteeStart = boughtOn", "define guaranteeStart = " + formula, System.StringComparison.Ordinal);
        var snapshot = Kettle.Compile(text);
        Assert.DoesNotContain(snapshot.Result.Diagnostics, d => d.Severity == PolicySeverity.Error);
        var hover = Hovers.At(snapshot, Kettle.PolicyPath, Kettle.At(snapshot, Kettle.PolicyPath, "guaranteeStart <= claimedOn"));

        var lines = hover!.Contents.Value.Split("\n\n");
        Assert.Equal(missing, lines.SingleOrDefault(l => l.StartsWith("Unknown", System.StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.StartsWith("Range", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Hover_on_a_clause_shows_its_quote_section_and_effect()
    {
        var snapshot = Kettle.Compile();
        var hover = Hovers.At(snapshot, Kettle.ExamplesPath, Kettle.At(snapshot, Kettle.ExamplesPath, "G-1"));

        Assert.StartsWith("**clause** `G-1` in section *Guarantee*\n\n> Kettles that fail within two years of purchase are exchanged.", hover!.Contents.Value);
        Assert.EndsWith("No clause overrides it.", hover.Contents.Value);
    }

    [Fact]
    public void A_conflict_has_a_fix_each_way_and_either_fix_removes_it()
    {
        var snapshot = Kettle.Compile(Kettle.Conflicting);
        var conflict = Assert.Single(snapshot.Result.Diagnostics, d => d.Id == DiagnosticIds.Conflict);
        var actions = CodeActions.For(snapshot, conflict.FilePath, snapshot.Lines(conflict.FilePath).Range(conflict.Span), Kettle.Uri);

        Assert.Contains(actions, a => a.Title == "Add the witness as an example");
        foreach (var title in new[] { "Make G-2 an exception to G-1", "Make G-1 an exception to G-2" })
        {
            var fix = Assert.Single(actions, a => a.Title == title);
            var fixedText = Kettle.Apply(Kettle.Conflicting, fix.Edit.Changes![Kettle.Uri(Kettle.PolicyPath)]);
            Assert.DoesNotContain(Kettle.Compile(fixedText).Result.Diagnostics, d => d.Id == DiagnosticIds.Conflict);
        }
    }

    [Fact]
    public void The_witness_becomes_an_example_in_the_examples_file_in_the_canonical_layout()
    {
        var snapshot = Kettle.Compile(Kettle.Conflicting);
        var conflict = snapshot.Result.Diagnostics.Single(d => d.Id == DiagnosticIds.Conflict);
        var action = CodeActions.For(snapshot, conflict.FilePath, snapshot.Lines(conflict.FilePath).Range(conflict.Span), Kettle.Uri)
            .Single(a => a.Title == "Add the witness as an example");

        var examples = Kettle.Apply(Kettle.Examples, action.Edit.Changes![Kettle.Uri(Kettle.ExamplesPath)]);
        Assert.Contains("example \"XP2001 ", examples);
        // The claim may be wrapped between fields: compare with the white space collapsed.
        Assert.Matches("claim \\{\"fault\": \"element\", .*\"descaled\": false\\}", System.Text.RegularExpressions.Regex.Replace(examples, "\\s+", " "));
        Assert.Contains("# The policy cannot decide this claim yet (", examples);
        var after = Kettle.Compile(Kettle.Conflicting, examples);
        Assert.Equal(2, after.Result.Policy!.Examples.Count);
        // The example binds and is read (no syntax or binding error); the analysis still reports the policy's findings.
        Assert.DoesNotContain(after.Result.Diagnostics, d => d.Severity == PolicySeverity.Error && !d.Id.StartsWith("XP20", System.StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_name_is_offered_the_nearest_declared_name()
    {
        var text = Kettle.Text.Replace("when not descaled", "when not descald", System.StringComparison.Ordinal);
        var snapshot = Kettle.Compile(text);
        var unknown = Assert.Single(snapshot.Result.Diagnostics, d => d.Id == DiagnosticIds.UnknownName);
        var actions = CodeActions.For(snapshot, Kettle.PolicyPath, snapshot.Lines(Kettle.PolicyPath).Range(unknown.Span), Kettle.Uri);

        var fix = Assert.Single(actions);
        Assert.Equal("Change to 'descaled'", fix.Title);
        Assert.Empty(Kettle.Compile(Kettle.Apply(text, fix.Edit.Changes![Kettle.Uri(Kettle.PolicyPath)])).Result.Diagnostics);
    }

    [Fact]
    public void The_outline_holds_each_sections_clauses()
    {
        var snapshot = Kettle.Compile();
        var outline = Navigation.Outline(snapshot, Kettle.PolicyPath);

        var section = Assert.Single(outline, s => s.Kind == Protocol.SymbolKind.Namespace);
        Assert.Equal("Guarantee", section.Name);
        Assert.Equal(new[] { "G-1", "G-2", "G-3" }, section.Children!.Select(c => c.Name));
        Assert.Contains(outline, s => s.Name == "Fault" && s.Children!.Count == 3);
        Assert.Contains(outline, s => s.Name == "guaranteeActive" && s.Kind == Protocol.SymbolKind.Function);
    }

    [Fact]
    public void Diagnostics_carry_the_related_clause_and_every_file_gets_a_list()
    {
        var snapshot = Kettle.Compile(Kettle.Conflicting);
        var byFile = LspDiagnostics.ByFile(snapshot, Kettle.Uri);

        Assert.Empty(byFile[Kettle.ExamplesPath]);
        var conflict = Assert.Single(byFile[Kettle.PolicyPath], d => d.Code == "XP2001");
        Assert.Contains("for example {", conflict.Message);
        var related = Assert.Single(conflict.RelatedInformation!);
        Assert.Equal(Kettle.Uri(Kettle.PolicyPath), related.Location.Uri);
    }

    [Fact]
    public void Formatting_a_badly_indented_file_gives_the_formatters_layout_and_a_formatted_one_gives_nothing()
    {
        var bad = Kettle.Text.Replace("\n  quote", "\n        quote", System.StringComparison.Ordinal);
        var edits = Formatter.Edits(Kettle.Compile(bad), Kettle.PolicyPath);

        var formatted = Kettle.Apply(bad, edits);
        Assert.Equal(Dsl.Syntax.PolicyFormatter.Format(Kettle.PolicyPath, bad).Text, formatted);
        Assert.DoesNotContain("        quote", formatted);
        Assert.Empty(Formatter.Edits(Kettle.Compile(formatted), Kettle.PolicyPath));
    }

    [Fact]
    public void A_file_with_syntax_errors_is_not_formatted()
    {
        var broken = Kettle.Text.Replace("when not descaled", "when not (descaled", System.StringComparison.Ordinal);

        Assert.Empty(Formatter.Edits(Kettle.Compile(broken), Kettle.PolicyPath));
    }
}
