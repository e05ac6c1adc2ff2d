using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Unicode;

namespace Xinji.Policy.Cli;

/// <summary>One claim read from the command line's inputs, with where it came from for messages.</summary>
/// <param name="Input">The file as given on the command line, or <c>&lt;stdin&gt;</c>.</param>
/// <param name="Line">The claim's line in JSON Lines input; null when the input is one claim.</param>
internal sealed record ClaimInput(string Input, int? Line, byte[] Json)
{
    public string Origin => Line is { } line ? Input + ":" + line.ToString(System.Globalization.CultureInfo.InvariantCulture) : Input;
}

/// <summary>
/// Reads claims from files or stdin (<c>-</c>). A <c>.jsonl</c> file holds one claim per line and is
/// read as a stream of UTF-8 lines, never as one string; stdin is read as JSON Lines when every
/// non-blank line is a whole object, else as one claim.
/// </summary>
internal static class ClaimSource
{
    /// <summary>What a claim line takes on average, for estimating how many claims a file holds.</summary>
    private const int TypicalClaimBytes = 120;

    public static IEnumerable<ClaimInput> Read(string path, CliContext context)
    {
        if (path != "-" && IsJsonLines(path))
        {
            return ReadJsonLines(path, context);
        }

        string text;
        string name;
        bool lines;
        if (path == "-")
        {
            text = context.In.ReadToEnd();
            name = "<stdin>";
            lines = LooksLikeJsonLines(text);
        }
        else
        {
            text = ReadAllText(path, context);
            name = path;
            lines = false;
        }

        return lines ? SplitLines(name, text) : new[] { new ClaimInput(name, null, Encoding.UTF8.GetBytes(text)) };
    }

    /// <summary>A <c>.jsonl</c> file, read line by line.</summary>
    public static bool IsJsonLines(string path) => path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);

    /// <summary>About how many claims the inputs hold, to choose an engine before reading them.</summary>
    public static long EstimateCount(IEnumerable<string> paths, CliContext context)
    {
        long total = 0;
        foreach (var path in paths)
        {
            var full = path == "-" ? null : context.FullPath(path);
            total += full is not null && IsJsonLines(path) && File.Exists(full) ? Math.Max(1, new FileInfo(full).Length / TypicalClaimBytes) : 1;
        }

        return total;
    }

    /// <summary>Opens a claim file for reading in large blocks.</summary>
    /// <exception cref="InputFileException">The file does not exist or cannot be opened.</exception>
    public static FileStream Open(string path, CliContext context)
    {
        var full = Existing(path, context);
        try
        {
            return new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(path, e.Message);
        }
    }

    /// <summary>
    /// A line's bytes as a claim's JSON. Invalid UTF-8 goes through the text round trip every reader of
    /// the file used to do (each bad sequence becoming U+FFFD), so it means what it always meant.
    /// </summary>
    public static ReadOnlySpan<byte> ClaimBytes(ReadOnlySpan<byte> line) => Utf8.IsValid(line) ? line : Repaired(line);

    /// <summary>Bytes that are not UTF-8 as reading them as text reads them: each bad sequence becomes U+FFFD.</summary>
    public static byte[] Repaired(ReadOnlySpan<byte> line) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(line));

    /// <summary>A line with nothing but whitespace in it, which JSON Lines input may hold and skips.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r\v\f"u8) < 0;

    private static IEnumerable<ClaimInput> ReadJsonLines(string path, CliContext context)
    {
        using var stream = Open(path, context);
        using var lines = new ClaimLineReader(stream, path);
        while (lines.ReadBlock() is { } block)
        {
            foreach (var (number, start, length) in block.Lines())
            {
                var line = block.Bytes.AsSpan(start, length);
                if (!IsBlank(line))
                {
                    yield return new ClaimInput(path, number, ClaimBytes(line).ToArray());
                }
            }

            ClaimLineReader.Return(block);
        }
    }

    private static string Existing(string path, CliContext context)
    {
        var full = context.FullPath(path);
        if (!File.Exists(full))
        {
            throw new InputFileException(path, Directory.Exists(full) ? "is a directory, not a claim file" : "no such file");
        }

        return full;
    }

    private static string ReadAllText(string path, CliContext context)
    {
        var full = Existing(path, context);
        try
        {
            return File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(path, e.Message);
        }
    }

    private static IEnumerable<ClaimInput> SplitLines(string name, string text)
    {
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (line.Trim().Length > 0)
            {
                yield return new ClaimInput(name, number, Encoding.UTF8.GetBytes(line));
            }
        }
    }

    private static bool LooksLikeJsonLines(string text)
    {
        var objects = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (!line.StartsWith('{') || !line.EndsWith('}'))
            {
                return false;
            }

            objects++;
        }

        return objects > 1;
    }
}

/// <summary>
/// Whole lines of a JSON Lines stream, a block at a time: each block is a pooled buffer holding
/// complete lines (the last one may lack its newline at the end of the stream), numbered from the
/// stream's first line. Memory is a few blocks whatever the stream's length; a line longer than a
/// block makes that block grow to hold it.
/// </summary>
internal sealed class ClaimLineReader : IDisposable
{
    /// <summary>
    /// About five hundred claims: enough that handing a block to a worker costs nothing beside deciding
    /// it, few enough that the blocks in flight and their decided output (about eight times the claims'
    /// bytes) stay a few megabytes.
    /// </summary>
    public const int BlockBytes = 64 * 1024;

    private readonly Stream _stream;
    private readonly string _path;
    private byte[] _carry = Array.Empty<byte>();
    private int _carryLength;
    private int _nextLine = 1;
    private bool _atStart = true;
    private bool _ended;

    public ClaimLineReader(Stream stream, string path)
    {
        _stream = stream;
        _path = path;
    }

    /// <summary>The next block of whole lines, or null at the end of the stream.</summary>
    /// <exception cref="InputFileException">The file cannot be read.</exception>
    public LineBlock? ReadBlock()
    {
        if (_ended && _carryLength == 0)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(BlockBytes, _carryLength * 2));
        _carry.AsSpan(0, _carryLength).CopyTo(buffer);
        var filled = _carryLength;
        _carryLength = 0;
        while (true)
        {
            while (!_ended && filled < buffer.Length)
            {
                var read = ReadSome(buffer.AsSpan(filled));
                if (read == 0)
                {
                    _ended = true;
                }

                filled += read;
            }

            var start = 0;
            if (_atStart && filled >= 3 && buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
            {
                // A byte order mark is not part of the first claim, as reading the file as text skips it.
                start = 3;
            }

            _atStart = _atStart && filled < 3;
            var end = _ended ? filled : buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
            if (end > 0 || _ended)
            {
                KeepCarry(buffer.AsSpan(end, filled - end));
                var block = new LineBlock(buffer, start, end, _nextLine);
                _nextLine += block.LineCount;
                return block;
            }

            // One line fills the whole buffer: read on into a larger one.
            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan(0, filled).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }
    }

    /// <summary>Gives a block's buffer back once its lines are decided.</summary>
    public static void Return(LineBlock block) => ArrayPool<byte>.Shared.Return(block.Bytes);

    public void Dispose() => _stream.Dispose();

    private int ReadSome(Span<byte> into)
    {
        try
        {
            return _stream.Read(into);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(_path, e.Message);
        }
    }

    private void KeepCarry(ReadOnlySpan<byte> rest)
    {
        if (_carry.Length < rest.Length)
        {
            _carry = new byte[Math.Max(rest.Length, BlockBytes)];
        }

        rest.CopyTo(_carry);
        _carryLength = rest.Length;
    }
}

/// <summary>Whole lines in <see cref="Bytes"/> from <see cref="Start"/> to <see cref="End"/>, the first numbered <see cref="FirstLine"/>.</summary>
internal sealed class LineBlock
{
    public LineBlock(byte[] bytes, int start, int end, int firstLine)
    {
        Bytes = bytes;
        Start = start;
        End = end;
        FirstLine = firstLine;
        LineCount = bytes.AsSpan(start, end - start).Count((byte)'\n') + (end > start && bytes[end - 1] != (byte)'\n' ? 1 : 0);
    }

    public byte[] Bytes { get; }

    public int Start { get; }

    public int End { get; }

    public int FirstLine { get; }

    public int LineCount { get; }

    /// <summary>Each line's number, and where its bytes are (without the newline).</summary>
    public IEnumerable<(int Number, int Start, int Length)> Lines()
    {
        var number = FirstLine;
        var position = Start;
        while (position < End)
        {
            var newline = Bytes.AsSpan(position, End - position).IndexOf((byte)'\n');
            var length = newline < 0 ? End - position : newline;
            yield return (number++, position, length);
            position += length + 1;
        }
    }
}

internal sealed class InputFileException : Exception
{
    public InputFileException(string path, string problem)
        : base(path + ": " + problem)
    {
    }
}
