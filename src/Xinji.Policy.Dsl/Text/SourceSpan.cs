namespace Xinji.Policy.Dsl.Text;

/// <summary>
/// A range of a policy file: offsets for tools, 1-based line and column for people.
/// </summary>
public readonly record struct SourceSpan(int Start, int Length, int Line, int Column, int EndLine, int EndColumn)
{
    public int End => Start + Length;

    public static SourceSpan Between(SourceSpan first, SourceSpan last) =>
        new(first.Start, last.End - first.Start, first.Line, first.Column, last.EndLine, last.EndColumn);

    public override string ToString() => $"({Line},{Column})-({EndLine},{EndColumn})";
}
