using System;
using System.Collections.Generic;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Dsl.Binding;

// The one walk over bound expressions. Analyses that only look inside an expression (does it read
// coverage, which names does it mention) are written over DescendantsAndSelf, so a new form is
// covered as soon as it lists its Children. Passes that give each form a meaning do not walk: they
// switch over the forms, and throw UnhandledExpressionException for a form they do not know.

public abstract partial record BoundExpression
{
    /// <summary>The children of a form that has none.</summary>
    protected static readonly IReadOnlyList<BoundExpression> NoChildren = Array.Empty<BoundExpression>();

    /// <summary>
    /// The operands of a chain of <c>and</c>, in the order written, however it is parenthesized; this
    /// expression alone when it is no <c>and</c>. Iterative: a long chain nests deeply to the left.
    /// </summary>
    public List<BoundExpression> Conjuncts()
    {
        var conjuncts = new List<BoundExpression>();
        var pending = new Stack<BoundExpression>();
        pending.Push(this);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (next is LogicalOperation { Operator: LogicalOperator.And } and)
            {
                pending.Push(and.Right);
                pending.Push(and.Left);
            }
            else
            {
                conjuncts.Add(next);
            }
        }

        return conjuncts;
    }

    /// <summary>
    /// This expression and every expression inside it, parents before children, children in the order
    /// written. Iterative, so the depth of the expression never reaches the call stack.
    /// </summary>
    public IEnumerable<BoundExpression> DescendantsAndSelf()
    {
        var pending = new Stack<BoundExpression>();
        pending.Push(this);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            yield return next;
            var children = next.Children();
            for (var i = children.Count - 1; i >= 0; i--)
            {
                pending.Push(children[i]);
            }
        }
    }

    /// <summary>Whether the expression reads the decided coverage itself (definitions cannot).</summary>
    public bool ReadsCoverage()
    {
        foreach (var expression in DescendantsAndSelf())
        {
            if (expression is CoverageReference)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The facts, definitions and enum members the expression names itself, not through its definitions.</summary>
    public ExpressionNames Names()
    {
        var facts = new UniqueList<string>();
        var definitions = new UniqueList<string>();
        var members = new UniqueList<EnumMemberName>();
        var coverage = false;
        foreach (var expression in DescendantsAndSelf())
        {
            switch (expression)
            {
                case FactReference f:
                    facts.Add(f.Name);
                    break;
                case DefinitionReference d:
                    definitions.Add(d.Name);
                    break;
                case CoverageReference:
                    coverage = true;
                    break;
                case EnumLiteral e:
                    members.Add(new EnumMemberName(e.EnumName, e.Member));
                    break;
                case Membership m:
                    foreach (var member in m.Members)
                    {
                        members.Add(new EnumMemberName(m.EnumName, member));
                    }

                    break;
            }
        }

        return new ExpressionNames(facts.ToEquatableArray(), definitions.ToEquatableArray(), members.ToEquatableArray(), coverage);
    }

    /// <summary>Items in the order first added, each once.</summary>
    private sealed class UniqueList<T>
        where T : IEquatable<T>
    {
        private readonly List<T> _items = new();
        private readonly HashSet<T> _seen = new();

        public void Add(T item)
        {
            if (_seen.Add(item))
            {
                _items.Add(item);
            }
        }

        public EquatableArray<T> ToEquatableArray() => new(_items.ToArray());
    }
}

/// <summary>What an expression names, each name once, in the order first written.</summary>
/// <param name="ReadsCoverage">The expression reads the decided coverage.</param>
public sealed record ExpressionNames(
    EquatableArray<string> Facts,
    EquatableArray<string> Definitions,
    EquatableArray<EnumMemberName> EnumMembers,
    bool ReadsCoverage);

/// <summary>A member of an enum, or of the built-in coverage, named in an expression.</summary>
public sealed record EnumMemberName(string EnumName, string Member);

/// <summary>
/// A pass met an expression form it has no case for: a form was added to the bound model and not
/// to this pass. A defect of the toolkit, never of the policy.
/// </summary>
public sealed class UnhandledExpressionException : InvalidOperationException
{
    /// <param name="pass">The pass, as a reader would name it: "the interpreter", "the C# writer".</param>
    public UnhandledExpressionException(string pass, BoundExpression expression)
        : base(pass + " has no case for " + expression.GetType().Name + " expressions; add one (see 'Adding an expression form' in CONTRIBUTING.md).")
    {
        Pass = pass;
        Form = expression.GetType().Name;
    }

    public string Pass { get; }

    /// <summary>The name of the expression's type.</summary>
    public string Form { get; }
}
