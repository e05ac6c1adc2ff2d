using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Xinji.Policy.Generator.Tests;

/// <summary>
/// Walks the object graph of a pipeline step's output by reflection and fails on any compiler
/// object in it: pipeline values must be plain data, so that they compare by value between runs
/// and do not keep a compilation alive.
/// </summary>
internal static class PipelineValues
{
    private static readonly Type[] Forbidden =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation), typeof(Location), typeof(SemanticModel),
    };

    public static void AssertHoldsNoCompilerObjects(object? value, string step)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(object Value, string Path)>();
        if (value is not null)
        {
            pending.Push((value, step));
        }

        while (pending.Count > 0)
        {
            var (current, path) = pending.Pop();
            var type = current.GetType();
            if (Forbidden.FirstOrDefault(f => f.IsAssignableFrom(type)) is { } forbidden)
            {
                Assert.Fail($"The output of step {step} holds a {forbidden.Name} ({type.Name}) at {path}.");
            }

            if (IsLeaf(type) || (!type.IsValueType && !seen.Add(current)))
            {
                continue;
            }

            // Arrays by their items; everything else (lists, immutable arrays, records) by its fields.
            if (current is Array array)
            {
                for (var i = 0; i < array.Length; i++)
                {
                    if (array.GetValue(i) is { } item)
                    {
                        pending.Push((item, $"{path}[{i}]"));
                    }
                }

                continue;
            }

            for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.GetValue(current) is { } child)
                    {
                        pending.Push((child, path + "." + field.Name));
                    }
                }
            }
        }
    }

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime)
        || type == typeof(DateOnly) || type == typeof(TimeSpan) || typeof(Delegate).IsAssignableFrom(type) || type.IsPointer
        || typeof(Type).IsAssignableFrom(type) || typeof(MemberInfo).IsAssignableFrom(type);
}
