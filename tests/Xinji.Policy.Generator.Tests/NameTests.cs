using System.Linq;
using Microsoft.CodeAnalysis;
using Xinji.Policy.Testing;

namespace Xinji.Policy.Generator.Tests;

/// <summary>
/// Every name a policy may give reaches C# without colliding with anything generated: the
/// generator's own locals, members and helpers, the types it reads from other namespaces, C#
/// keywords, and the policy's other names. What cannot be renamed (public members and types)
/// is refused with XP0113 at the name, and the shell of such a policy still compiles.
/// </summary>
public class NameTests
{
    /// <summary>A policy whose names are those of every generated member and local.</summary>
    private const string Hostile = """
        policy P implements "Names"

        enum k = a | b "An enum with a reader per value."
        enum code = equals | toString | getHashCode | hasFlag | __arglist | value "Named like the claim's Code method."
        enum fieldNames = x | y "Named like the claim's FieldNames constant."
        enum fromJson = x | y "Named like a claim method."
        enum readJson = x | y "Named like a claim method."
        enum toJson = x | y "Named like a claim method."
        enum writeJson = x | y "Named like a claim method."
        enum equals = x | y "Named like an inherited method."
        enum instance = x | y "Named like the policy's Instance."
        enum clauseIndex = x | y "Named like the policy's clause index class."
        enum clause = x | y "Named like the policy's public clause enum."
        enum smallBitSet = x | y "Named like a runtime type."
        enum validate = x | y "Named like the policy's Validate."
        enum bitSet = x | y "Named like a runtime type."
        enum outcome = x | y "Named like a runtime type."
        enum claimErrors = x | y "Named like a runtime type."
        enum dateOnly = x | y "Named like a system type."
        enum kind = x | y "Named like the fact of another type."
        enum system = x | y "Named like a namespace the code uses."
        enum xinji = x | y "Named like a namespace the code uses."
        enum test = x | y "Named like the generated namespace's first part."
        enum policies = x | y "Named like the generated namespace's last part."
        enum generatedCodeAttribute = x | y "Named like the attribute on every generated type."
        enum methodImplAttribute = x | y "Named like the attribute on Validate."
        enum methodImplOptions = x | y "Named like the attribute's argument type."

        fact reader: bool = false "Named like the JSON reader."
        fact writer: bool = false "Named like the JSON writer."
        fact buffer: bool = false "Named like a local of ToJson."
        fact json: bool = false "Named like a parameter."
        fact utf8Json: bool = false "Named like a parameter."
        fact value: bool = false "Named like a parameter."
        fact field: bool = false "Named like a parameter."
        fact errors: bool = false "Named like the claim reader's error list."
        fact b: bool = false "A fact whose seen flag is seenB."
        fact seenB: bool = false "Named like b's seen flag."
        fact readK: k = a "Named like the reader of k."
        fact readOptionalK: optional k "Named like the optional reader of k."
        fact Kind: optional code "Named like an enum of another type."
        fact equalsFact: equals = x "Of an enum named like a method."
        fact clauseFact: clause = x "Of an enum named like the policy's clause enum."
        fact smallSet: smallBitSet = x "Of an enum named like a runtime type."
        fact __arglist: bool = false "An undocumented C# keyword."
        fact __makeref: int = 0 "An undocumented C# keyword."
        fact __reftype: optional date "An undocumented C# keyword."
        fact __refvalue: bool = false "An undocumented C# keyword."
        fact _: bool = false "A discard."
        fact claim: bool = false "Named like the claim parameter."
        fact trace: bool = false "Named like the trace parameter."
        fact cited: bool = false "Named like a local of Evaluate."
        fact bitSetFact: bitSet = x "Of an enum named like a runtime type."
        fact errorsFact: claimErrors = x "Of an enum named like a runtime type."
        fact someDay: dateOnly = x "Of an enum named like a system type."
        fact sys: system = x "Of an enum named like a namespace."
        fact xin: optional xinji "Of an enum named like a namespace."
        fact tst: test = y "Of an enum named like the namespace."

        define Validate = reader or writer "Named like the policy's Validate."
        define Evaluate = Validate and buffer "Named like the policy's Evaluate."
        define Conflict = Evaluate or json "Named like the policy's Conflict."
        define Instance = b and seenB "Named like the policy's Instance."
        define ClauseIndex = readK is a "Named like the clause index class."
        define coverageOf = Kind is equals "Reads an enum named like a method."
        define free = __arglist or __refvalue "Named like a local of Evaluate."
        define paid = __makeref > 2 "Named like a local of Evaluate."
        define applies = __reftype is known "Named like a local of the traced Evaluate."
        define warranty = 2024-01-01 "Named like a local of Evaluate."
        define clause_A_1 = _ or claim "Named like a clause's variable."
        define BitSet = bitSetFact is x "Named like a runtime type."
        define DateOnly = someDay is y "Named like a system type."
        define K = readOptionalK is b "Named like an enum type."
        define Remedy = trace or cited "Named like the remedy enum."
        define __arglistDef = value or field "A definition."

        warranty from warranty through warranty + 12 months - 1 day active when Conflict or Instance

        remedy fix "Fix it."
        remedy toString "Named like an inherited method."
        remedy getHashCode "Named like an inherited method."
        note equalsNote "A note."
        requirement clone "Named like a record's Clone."

        section "S"
        clause A-1
          quote "One."
          when Validate or ClauseIndex or coverageOf or free or paid or applies
          then free
               remedy fix, toString, getHashCode
               note equalsNote
        clause A_1
          quote "Two."
          when clause_A_1 or BitSet or DateOnly or K or Remedy or __arglistDef
          then free
               require clone
        clause 1-2
          quote "Three."
          exception to A-1, A_1
          when equalsFact is y or sys is y or xin is x or tst is x or clauseFact is y or smallSet is y
          then paid
        clause B-1
          quote "Four."
          when not (Validate or ClauseIndex or coverageOf or free or paid or applies or clause_A_1 or BitSet or DateOnly or K or Remedy or __arglistDef)
          then paid
        """;

    [Fact]
    public void A_policy_naming_every_generated_member_and_local_compiles_with_no_diagnostic()
    {
        var bound = QuotedSentences.Bind("/p/p.policy", Hostile);
        Assert.True(bound.Diagnostics.Count == 0, string.Join("\n", bound.Diagnostics));

        var (output, result) = GeneratorHarness.Run(("/p/p.policy", Hostile));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(4, result.Results.Single().GeneratedSources.Length);
        var csharp = output.GetDiagnostics().Where(d => d.Severity != DiagnosticSeverity.Hidden).ToList();
        Assert.True(csharp.Count == 0, string.Join("\n", csharp));
    }

    private const string Refusable = """
        policy P implements "Names"
        enum k = a | b "An enum."
        fact kind: k = a "A fact."
        warranty from 2024-01-01 through 2024-12-31 active when true
        remedy fix "Fix it."
        section "S"
        clause A-1
          quote "One."
          when kind is a
          then free
               remedy fix
        clause A-2
          quote "Two."
          when kind is b
          then paid
        """;

    [Theory]
    [InlineData("fact kind: k = a \"A fact.\"", "fact kind: k = a \"A fact.\"\nfact clone: bool = false \"A record's Clone.\"", "Clone", 4, 6)]
    [InlineData("remedy fix \"Fix it.\"", "remedy fix \"Fix it.\"\nremedy Fix \"Fix it again.\"", "Fix", 6, 8)]
    [InlineData("enum k = a | b \"An enum.\"", "enum k = a | b \"An enum.\"\nenum Zed = p | a | A \"Two a's.\"", "A", 3, 20)]
    [InlineData("enum k = a | b \"An enum.\"", "enum k = a | b \"An enum.\"\nenum pPolicy = x | y \"The policy's type.\"", "PPolicy", 3, 6)]
    [InlineData("fact kind: k = a \"A fact.\"", "fact kind: k = a \"A fact.\"\nfact Kind: bool = false \"Kind again.\"", "Kind", 4, 6)]
    public void A_public_name_that_would_collide_is_refused_at_the_name_and_the_shell_compiles(string declaration, string replacement, string name, int line, int column)
    {
        var policy = Refusable.Replace(declaration, replacement);

        var bound = QuotedSentences.Bind("/p/p.policy", policy);

        var error = Assert.Single(bound.Diagnostics);
        Assert.Equal("XP0113", error.Id);
        Assert.StartsWith("'" + name + "' would name two things", error.Message, System.StringComparison.Ordinal);
        Assert.Equal((line, column, column + name.Length), (error.Span.Line, error.Span.Column, error.Span.EndColumn));

        var (output, result) = GeneratorHarness.Run(("/p/p.policy", policy));
        Assert.Equal(4, result.Results.Single().GeneratedSources.Length);
        var csharp = output.GetDiagnostics().Where(d => d.Severity != DiagnosticSeverity.Hidden).ToList();
        Assert.True(csharp.Count == 0, string.Join("\n", csharp));
    }
}
