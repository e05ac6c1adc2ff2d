using System;
using System.Collections.Generic;
using Sprache;

namespace Xinji.Policy.Dsl.Syntax;

/// <summary>
/// A Sprache input over one declaration of a file: it starts and ends where the declaration
/// does, but positions, lines and columns are those of the whole file, so every span the
/// grammar records is already file-relative.
/// </summary>
internal sealed class ChunkInput : IInput
{
    private readonly int _end;

    public ChunkInput(string source, int position, int end, int line, int column)
    {
        Source = source;
        Position = position;
        _end = end;
        Line = line;
        Column = column;
    }

    public string Source { get; }

    public int Position { get; }

    public int Line { get; }

    public int Column { get; }

    public bool AtEnd => Position >= _end;

    public char Current => AtEnd ? '\0' : Source[Position];

    private Dictionary<object, object>? _memos;

    public IDictionary<object, object> Memos => _memos ??= new Dictionary<object, object>();

    public IInput Advance()
    {
        if (AtEnd)
        {
            throw new InvalidOperationException("Cannot advance past the end of the declaration.");
        }

        return Current == '\n'
            ? new ChunkInput(Source, Position + 1, _end, Line + 1, 1)
            : new ChunkInput(Source, Position + 1, _end, Line, Column + 1);
    }

    /// <summary>Where the declaration ends: the input is at its end there.</summary>
    public int End => _end;

    /// <summary>
    /// The input <paramref name="count"/> characters on, in one step: the tokens read by hand
    /// (<see cref="Lexical"/>) skip a whole word or run of white space without an input per character.
    /// </summary>
    public ChunkInput Skip(int count)
    {
        if (Position + count > _end)
        {
            throw new InvalidOperationException("Cannot advance past the end of the declaration.");
        }

        var line = Line;
        var column = Column;
        for (var i = Position; i < Position + count; i++)
        {
            if (Source[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return count == 0 ? this : new ChunkInput(Source, Position + count, _end, line, column);
    }

    public bool Equals(IInput? other) =>
        other is ChunkInput input && ReferenceEquals(Source, input.Source) && Position == input.Position && _end == input._end;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => Position ^ (_end << 16);
}
