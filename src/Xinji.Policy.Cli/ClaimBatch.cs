using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Xinji.Policy.Runtime;

namespace Xinji.Policy.Cli;

/// <summary>
/// Runs a command over every claim of its inputs: one JSON line per claim, or text blocks headed
/// by where the claim came from. A bad claim is reported on stderr and the run goes on; a bad line
/// of JSON Lines input also takes its line of JSON output, as an error object, so output lines up with input.
/// </summary>
internal static class ClaimBatch
{
    /// <summary>The name the runtime gives the claim as a whole when no one field is at fault.</summary>
    private const string WholeClaim = "(claim)";

    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <returns>2 when any input was invalid, else 1 when the policy failed on a claim, else 0.</returns>
    public static int Run<T>(
        IEnumerable<string> paths,
        bool json,
        Func<ClaimInput, T> decide,
        Func<T, string> toJson,
        Action<TextWriter, T> writeText,
        CliContext context)
    {
        var output = context.Out;
        var error = context.Error;
        var invalid = false;
        var failed = false;
        var first = true;
        foreach (var path in paths)
        {
            try
            {
                foreach (var claim in ClaimSource.Read(path, context))
                {
                    try
                    {
                        var result = decide(claim);
                        if (json)
                        {
                            output.WriteLine(toJson(result));
                        }
                        else
                        {
                            if (!first)
                            {
                                output.WriteLine();
                            }

                            output.WriteLine("Claim:        " + claim.Origin);
                            writeText(output, result);
                        }

                        first = false;
                    }
                    catch (ClaimInputException problem)
                    {
                        // One line per field error, as a compiler lists its errors.
                        foreach (var fieldError in problem.Errors)
                        {
                            error.WriteLine($"{claim.Origin}: invalid claim: {fieldError}");
                        }

                        if (json && claim.Line is { } line)
                        {
                            output.WriteLine(ErrorJson(claim.Input, line, problem.Errors));
                        }

                        invalid = true;
                    }
                    catch (PolicyDefectException defect)
                    {
                        error.WriteLine($"{claim.Origin}: policy defect: {defect.Message}");
                        if (json && claim.Line is { } line)
                        {
                            output.WriteLine(DefectJson(claim.Input, line, defect));
                        }

                        failed = true;
                    }
                }
            }
            catch (InputFileException missing)
            {
                error.WriteLine("xinji-policy: cannot read " + missing.Message);
                invalid = true;
            }
        }

        return invalid ? ExitCodes.InvalidInput : failed ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>
    /// <c>evaluate --format json</c>: decides every claim straight from its UTF-8 bytes and writes each
    /// decision line to a byte stream, with the same messages, error lines and exit code as <see cref="Run"/>.
    /// JSON Lines files are decided a block of lines at a time by <paramref name="jobs"/> threads, and
    /// written in input order; at most a few blocks per thread are held, whatever the file's size.
    /// </summary>
    /// <param name="decide">Decides a claim and writes its decision's JSON object.</param>
    /// <param name="linePrefix">What each decision line starts with in place of its opening brace (the policy's name and hash).</param>
    public static int RunJson(IEnumerable<string> paths, DecideToJson decide, byte[] linePrefix, int jobs, CliContext context)
    {
        var output = new DecisionOutput(context, linePrefix);
        var status = new BatchStatus();
        using var scratch = output.Create();
        foreach (var path in paths)
        {
            try
            {
                if (path != "-" && ClaimSource.IsJsonLines(path))
                {
                    using var stream = ClaimSource.Open(path, context);
                    using var lines = new ClaimLineReader(stream, path);
                    new OrderedBlocks(path, lines, decide, output, status, jobs).Run();
                    continue;
                }

                foreach (var claim in ClaimSource.Read(path, context))
                {
                    Decide(decide, claim.Input, claim.Line, claim.Json, scratch);
                }

                output.Write(scratch, status);
            }
            catch (InputFileException missing)
            {
                output.Flush();
                context.Error.WriteLine("xinji-policy: cannot read " + missing.Message);
                status.Invalid = true;
            }
        }

        output.Flush();
        return status.Invalid ? ExitCodes.InvalidInput : status.Failed ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>Decides a block's claims into <paramref name="result"/>, skipping blank lines.</summary>
    internal static void DecideBlock(string path, DecideToJson decide, LineBlock block, BlockResult result)
    {
        var bytes = block.Bytes;
        var number = block.FirstLine;
        var position = block.Start;
        while (position < block.End)
        {
            var rest = bytes.AsSpan(position, block.End - position);
            var newline = rest.IndexOf((byte)'\n');
            var line = newline < 0 ? rest : rest[..newline];
            if (!ClaimSource.IsBlank(line))
            {
                Decide(decide, path, number, line, result);
            }

            number++;
            position += line.Length + 1;
        }

        ClaimLineReader.Return(block);
    }

    /// <summary>Decides one claim into the block's output: its decision line, or its error line and message.</summary>
    /// <remarks>
    /// A line is not checked for UTF-8 before it is read. The reader compares names and values as bytes
    /// with valid UTF-8 and refuses unknown fields, so a line that is not UTF-8 never decides: only a
    /// line that fails is checked, and if it is not UTF-8 it is decided again as
    /// <see cref="ClaimSource.ClaimBytes"/> reads it, for the messages it always had.
    /// </remarks>
    private static void Decide(DecideToJson decide, string input, int? line, ReadOnlySpan<byte> json, BlockResult result)
    {
        try
        {
            result.WriteDecision(decide, json);
        }
        catch (Exception) when (!Utf8.IsValid(json))
        {
            Decide(decide, input, line, ClaimSource.Repaired(json), result);
        }
        catch (ClaimInputException problem)
        {
            // One line per field error, as a compiler lists its errors.
            foreach (var fieldError in problem.Errors)
            {
                result.Errors.Append(Origin(input, line)).Append(": invalid claim: ").Append(fieldError).AppendLine();
            }

            if (line is { } number)
            {
                result.WriteLine(ErrorJson(input, number, problem.Errors));
            }

            result.Invalid = true;
        }
        catch (PolicyDefectException defect)
        {
            result.Errors.Append(Origin(input, line)).Append(": policy defect: ").AppendLine(defect.Message);
            if (line is { } number)
            {
                result.WriteLine(DefectJson(input, number, defect));
            }

            result.Failed = true;
        }
    }

    private static string Origin(string input, int? line) => new ClaimInput(input, line, Array.Empty<byte>()).Origin;

    /// <summary>
    /// <c>{"input":…,"line":3,"error":{"field":"claimDate","message":…},"errors":[…]}</c>: a line of JSON
    /// Lines that is not a valid claim. <c>error</c> is its first error, <c>errors</c> every one, in the
    /// same shape. The field is null when the claim as a whole is at fault (not JSON, not an object).
    /// </summary>
    private static string ErrorJson(string input, int line, IReadOnlyList<ClaimFieldError> errors) =>
        Write(input, line, writer =>
        {
            writer.WritePropertyName("error");
            WriteError(writer, errors[0]);
            writer.WriteStartArray("errors");
            foreach (var fieldError in errors)
            {
                WriteError(writer, fieldError);
            }

            writer.WriteEndArray();
        });

    private static void WriteError(Utf8JsonWriter writer, ClaimFieldError fieldError)
    {
        writer.WriteStartObject();
        if (fieldError.Field == WholeClaim)
        {
            writer.WriteNull("field");
        }
        else
        {
            writer.WriteString("field", fieldError.Field);
        }

        writer.WriteString("message", fieldError.Problem);
        writer.WriteEndObject();
    }

    /// <summary><c>{"input":…,"line":3,"defect":{"message":…,"clauses":[…]}}</c>: the policy failed on a valid claim.</summary>
    private static string DefectJson(string input, int line, PolicyDefectException defect) =>
        Write(input, line, writer =>
        {
            writer.WriteStartObject("defect");
            writer.WriteString("message", defect.Message);
            writer.WriteStartArray("clauses");
            foreach (var id in defect.ClauseIds)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    private static string Write(string input, int line, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            writer.WriteStartObject();
            writer.WriteString("input", input);
            writer.WriteNumber("line", line);

            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

/// <summary>Decides a claim from its UTF-8 JSON and writes the decision's JSON object.</summary>
/// <exception cref="ClaimInputException">The claim is not valid input.</exception>
/// <exception cref="PolicyDefectException">The policy decides the claim both ways, or not at all.</exception>
internal delegate void DecideToJson(ReadOnlySpan<byte> claimJson, Utf8JsonWriter writer);

/// <summary>Whether any claim so far was invalid, or met a policy defect.</summary>
internal sealed class BatchStatus
{
    public bool Invalid { get; set; }

    public bool Failed { get; set; }
}

/// <summary>One block's decided output: decision and error lines as UTF-8, and the messages for stderr.</summary>
internal sealed class BlockResult : IDisposable
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>The line prefix without its closing comma: <c>{"policy":{…}</c>.</summary>
    private readonly byte[] _policyMember;

    private readonly Utf8JsonWriter _writer;

    public BlockResult(byte[] linePrefix)
    {
        _policyMember = linePrefix[..^1];
        _writer = new Utf8JsonWriter(Output, Compact);
    }

    /// <summary>Sized for what a block's decisions usually take, about eight times the claims' bytes.</summary>
    public LineBuffer Output { get; } = new(8 * ClaimLineReader.BlockBytes);

    public StringBuilder Errors { get; } = new();

    public bool Invalid { get; set; }

    public bool Failed { get; set; }

    /// <summary>Which thread decides into this output (an index), so that it is reused where its memory is in cache.</summary>
    public int Owner { get; init; }

    /// <summary>
    /// The claim's decision as a line: the policy member, then the decision written straight after it, its
    /// opening brace turned into the comma between the two, so the decision is never copied.
    /// </summary>
    public void WriteDecision(DecideToJson decide, ReadOnlySpan<byte> claimJson)
    {
        var start = Output.Count;
        try
        {
            Output.Write(_policyMember);
            var brace = Output.Count;
            decide(claimJson, _writer);
            _writer.Flush();
            Output.Replace(brace, (byte)',');
            Output.Write("\n"u8);
        }
        catch
        {
            // A claim that fails to decide, or a decision that fails to write, leaves no part of its line.
            Output.Truncate(start);
            throw;
        }
        finally
        {
            _writer.Reset();
        }
    }

    public void WriteLine(string json)
    {
        Output.Write(Encoding.UTF8.GetBytes(json));
        Output.Write("\n"u8);
    }

    public void Clear()
    {
        _writer.Reset();
        Output.Truncate(0);
        Errors.Clear();
        Invalid = false;
        Failed = false;
    }

    public void Dispose() => _writer.Dispose();
}

/// <summary>A growable byte buffer a <see cref="Utf8JsonWriter"/> writes into, which can also drop what follows a position.</summary>
internal sealed class LineBuffer : IBufferWriter<byte>
{
    private byte[] _bytes;

    public LineBuffer(int capacity) => _bytes = new byte[capacity];

    public int Count { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _bytes.AsSpan(0, Count);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _bytes.Length - Count);
        Count += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _bytes.AsMemory(Count);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _bytes.AsSpan(Count);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(Count));
        Count += bytes.Length;
    }

    public void Replace(int position, byte value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, Count);
        _bytes[position] = value;
    }

    public void Truncate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        Count = count;
    }

    private void Reserve(int sizeHint)
    {
        var needed = Count + Math.Max(sizeHint, 1);
        if (needed > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(needed, 2 * _bytes.Length));
        }
    }
}

/// <summary>
/// Where decided blocks go, in order: the process's stdout as bytes when the context has it, else the
/// context's text writer (as in-process runs have). A block written is cleared for its owner to reuse,
/// so a long run allocates its buffers once.
/// </summary>
internal sealed class DecisionOutput
{
    private readonly CliContext _context;
    private readonly byte[] _linePrefix;
    private readonly Stream? _bytes;

    public DecisionOutput(CliContext context, byte[] linePrefix)
    {
        _context = context;
        _linePrefix = linePrefix;
        _bytes = context.OutputBytes;
        if (_bytes is not null)
        {
            // Whatever was written as text comes first.
            context.Out.Flush();
        }
    }

    /// <summary>An empty block output for decision lines with this output's policy member, for thread <paramref name="owner"/> to decide into.</summary>
    public BlockResult Create(int owner = 0) => new(_linePrefix) { Owner = owner };

    /// <summary>Writes the block's lines and messages, then clears it.</summary>
    public void Write(BlockResult result, BatchStatus status)
    {
        if (_bytes is not null)
        {
            _bytes.Write(result.Output.WrittenSpan);
        }
        else
        {
            _context.Out.Write(Encoding.UTF8.GetString(result.Output.WrittenSpan));
        }

        if (result.Errors.Length > 0)
        {
            _context.Error.Write(result.Errors.ToString());
        }

        status.Invalid |= result.Invalid;
        status.Failed |= result.Failed;
        result.Clear();
    }

    public void Flush()
    {
        _bytes?.Flush();
        _context.Out.Flush();
    }
}
