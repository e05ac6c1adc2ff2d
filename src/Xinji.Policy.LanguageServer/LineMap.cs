using System;
using System.Collections.Generic;
using Xinji.Policy.Dsl.Text;
using Xinji.Policy.LanguageServer.Protocol;
using Range = Xinji.Policy.LanguageServer.Protocol.Range;

namespace Xinji.Policy.LanguageServer;

/// <summary>
/// Offsets in a text and LSP positions (0-based line, UTF-16 column, which is a .NET string index).
/// Lines end at <c>\n</c>, <c>\r\n</c> or <c>\r</c>, as the specification says.
/// </summary>
internal sealed class LineMap
{
    private readonly List<int> _lineStarts = new() { 0 };
    private readonly string _text;
    private readonly int _length;

    public LineMap(string text)
    {
        _text = text;
        _length = text.Length;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            if (text[i] is '\n' or '\r')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public int LineCount => _lineStarts.Count;

    /// <summary>The offset of a position, clamped into the text: a client's stale or wrong position never throws.</summary>
    public int Offset(Position position)
    {
        if (position.Line < 0)
        {
            return 0;
        }

        if (position.Line >= _lineStarts.Count)
        {
            return _length;
        }

        var start = _lineStarts[position.Line];
        var end = position.Line + 1 < _lineStarts.Count ? _lineStarts[position.Line + 1] : _length;

        // A column past the line's end means its end, before the line break (as the specification says).
        if (end > start && _text[end - 1] == '\n')
        {
            end--;
        }

        if (end > start && _text[end - 1] == '\r')
        {
            end--;
        }

        return Math.Clamp(start + Math.Max(position.Character, 0), start, end);
    }

    public Position Position(int offset)
    {
        offset = Math.Clamp(offset, 0, _length);
        var line = _lineStarts.BinarySearch(offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new Position(line, offset - _lineStarts[line]);
    }

    public Range Range(int start, int end) => new(Position(start), Position(end));

    public Range Range(SourceSpan span) => Range(span.Start, span.End);

    public int LineStart(int line) => _lineStarts[Math.Clamp(line, 0, _lineStarts.Count - 1)];

    /// <summary>Applies a change event: a range replaced, or the whole text when the event has no range.</summary>
    public static string Apply(string text, TextDocumentContentChangeEvent change)
    {
        if (change.Range is null)
        {
            return change.Text ?? string.Empty;
        }

        var map = new LineMap(text);
        var start = map.Offset(change.Range.Start);
        var end = Math.Max(start, map.Offset(change.Range.End));
        return string.Concat(text.AsSpan(0, start), change.Text ?? string.Empty, text.AsSpan(end));
    }
}
