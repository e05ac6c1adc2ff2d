using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Testing;

namespace Xinji.Policy.Dsl.Tests;

/// <summary><c>provable</c>: the mark on a fact the customer can prove, kept by the formatter, refused elsewhere.</summary>
public sealed class ProvableMarkTests
{
    private const string Policy = """
        policy Test implements "Test document"
        enum Kind = phone | band "Kind."
        fact kind: Kind "The product."
        fact bought: optional date
          "The purchase day."
          provable
        fact receipt: bool = true "The receipt is shown." provable
        fact claimed: date "The claim day."
        warranty from bought through bought + 12 months - 1 day active when claimed < bought + 12 months
        section "S"
        clause A
          quote "a"
          when claimed < bought + 12 months and receipt
          then free
        clause B
          quote "b"
          when not (claimed < bought + 12 months and receipt)
          then paid

        """;

    private static BindingResult Bind(string text) => QuotedSentences.Bind("/p/test.policy", text);

    [Fact]
    public void A_fact_marked_provable_binds_as_provable_and_the_others_do_not()
    {
        var result = Bind(Policy);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(new[] { ("kind", false), ("bought", true), ("receipt", true), ("claimed", false) }, result.Policy!.Facts.Select(f => (f.Name, f.IsProvable)));
    }

    [Fact]
    public void The_mark_belongs_to_the_declaration_span()
    {
        var fact = PolicyParser.Parse("/p/test.policy", Policy).Declarations.OfType<FactDeclaration>().Single(f => f.Name.Text == "bought");

        Assert.Equal((6, 3, 6, 11), (fact.ProvableMark!.Value.Line, fact.ProvableMark.Value.Column, fact.ProvableMark.Value.EndLine, fact.ProvableMark.Value.EndColumn));
        Assert.Equal(fact.ProvableMark.Value.End, fact.Span.End);
    }

    [Theory]
    [InlineData("define late = claimed > bought + 12 months \"Late.\" provable", "a definition")]
    [InlineData("enum Shop = dealer | market \"Shop.\" provable", "an enum")]
    [InlineData("note told \"Told.\" provable", "a note")]
    [InlineData("clause C\n  quote \"c\"\n  when receipt\n  then remedy fix\n  provable\nremedy fix \"Fix.\"", "a clause")]
    public void The_mark_on_anything_but_a_fact_is_XP0140_at_the_mark(string declaration, string kind)
    {
        // The spans are in the text as bound, with the header naming the document of its quotes.
        var (text, document) = QuotedSentences.Attach("/p/test.policy", Policy + declaration + "\n");
        var result = PolicyBinder.Bind(new[] { PolicyParser.Parse("/p/test.policy", text) }, QuotedSentences.Documents(document));

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticIds.MisplacedProvableMark, error.Id);
        Assert.Equal("provable", text.Substring(error.Span.Start, error.Span.Length));
        Assert.Equal(text.LastIndexOf("provable", System.StringComparison.Ordinal), error.Span.Start);
        Assert.Equal($"'provable' marks a fact the customer can bring about or prove; {kind} is not a fact, so remove the mark", error.Message);
    }

    [Fact]
    public void The_formatter_keeps_the_mark_on_a_line_of_its_own_after_the_description()
    {
        var result = PolicyFormatter.Format("/p/test.policy", "fact receipt: bool = true \"The receipt is shown.\" provable\nfact claimed: date \"The claim day.\"\n");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal("fact receipt: bool = true\n  \"The receipt is shown.\"\n  provable\nfact claimed: date\n  \"The claim day.\"\n", result.Text);
        Assert.Equal(result.Text, PolicyFormatter.Format("/p/test.policy", result.Text).Text);
    }

    [Fact]
    public void The_shipped_vocabulary_marks_the_facts_a_customer_can_prove()
    {
        var text = System.IO.File.ReadAllText(System.IO.Path.Combine(System.AppContext.BaseDirectory, "policy", "00-vocabulary.policy"));
        var marked = PolicyParser.Parse("00-vocabulary.policy", text).Declarations.OfType<FactDeclaration>().Where(f => f.ProvableMark is not null).Select(f => f.Name.Text);

        Assert.Equal(new[] { "claimDate", "activationDate", "invoiceDate", "deliveryDate", "accessoryWarrantyProven", "hasWarrantyCard", "hasProofOfPurchase" }, marked);
        Assert.Equal(text, PolicyFormatter.Format("00-vocabulary.policy", text).Text);
    }
}
