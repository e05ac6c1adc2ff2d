using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Xinji.Policy.Cli;

/// <summary>
/// Decides a JSON Lines file's blocks on <c>jobs</c> threads, the calling thread one of them, and
/// writes each block's output in input order. Each thread reads the next block, decides it and hands
/// it in; whichever thread hands in the oldest unwritten block writes it and every finished block after
/// it. So no thread sits between reading and writing, and threads wait for each other only for their
/// turn to read or write a block (one lock each), or when finished blocks pile up behind a slow one:
/// a thread does not read on while <c>2 × jobs</c> of them wait, so memory is a few blocks per thread.
/// </summary>
internal sealed class OrderedBlocks
{
    private readonly string _path;
    private readonly ClaimLineReader _lines;
    private readonly DecideToJson _decide;
    private readonly DecisionOutput _output;
    private readonly BatchStatus _status;
    private readonly int _jobs;
    private readonly object _reading = new();
    private readonly object _writing = new();
    private readonly Dictionary<long, BlockResult> _finished = new();

    /// <summary>
    /// Each thread's block outputs once written: a thread decides into its own, as the outputs are large
    /// and one written by a thread is in its core's cache.
    /// </summary>
    private readonly Stack<BlockResult>[] _spare;
    private long _nextRead;
    private long _nextWrite;

    /// <summary>The first failure: reading the file (an <see cref="InputFileException"/>), or a defect of the tool.</summary>
    private volatile Exception? _failure;

    public OrderedBlocks(string path, ClaimLineReader lines, DecideToJson decide, DecisionOutput output, BatchStatus status, int jobs)
    {
        _path = path;
        _lines = lines;
        _decide = decide;
        _output = output;
        _status = status;
        _jobs = Math.Max(1, jobs);
        _spare = new Stack<BlockResult>[_jobs];
        for (var i = 0; i < _jobs; i++)
        {
            _spare[i] = new Stack<BlockResult>();
        }
    }

    /// <summary>Decides and writes every block. After a read error the blocks read before it are written, then it is thrown.</summary>
    /// <exception cref="InputFileException">The file cannot be read.</exception>
    public void Run()
    {
        var helpers = new Thread[_jobs - 1];
        for (var i = 0; i < helpers.Length; i++)
        {
            var worker = i + 1;
            helpers[i] = new Thread(() => Work(worker)) { IsBackground = true, Name = "xinji-policy decide " + worker.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            helpers[i].Start();
        }

        Work(0);
        foreach (var helper in helpers)
        {
            helper.Join();
        }

        foreach (var result in _spare.SelectMany(s => s).Concat(_finished.Values))
        {
            result.Dispose();
        }

        if (_failure is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    private void Work(int worker)
    {
        try
        {
            while (Next(worker) is ({ } block, var number, { } result))
            {
                ClaimBatch.DecideBlock(_path, _decide, block, result);
                Finish(number, result);
            }
        }
        catch (Exception failure)
        {
            Interlocked.CompareExchange(ref _failure, failure, null);
            lock (_writing)
            {
                Monitor.PulseAll(_writing);
            }
        }
    }

    /// <summary>The next block, its number in the file's order, and an output to decide it into; no block at the end, or once anything failed.</summary>
    private (LineBlock? Block, long Number, BlockResult? Result) Next(int worker)
    {
        BlockResult result;
        lock (_writing)
        {
            while (_failure is null && _finished.Count >= 2 * _jobs)
            {
                Monitor.Wait(_writing);
            }

            result = _spare[worker].Count > 0 ? _spare[worker].Pop() : _output.Create(worker);
        }

        lock (_reading)
        {
            if (_failure is null && _lines.ReadBlock() is { } block)
            {
                return (block, _nextRead++, result);
            }
        }

        lock (_writing)
        {
            _spare[worker].Push(result);
        }

        return (null, -1, null);
    }

    private void Finish(long number, BlockResult result)
    {
        lock (_writing)
        {
            _finished.Add(number, result);
            while (_finished.Remove(_nextWrite, out var next))
            {
                _output.Write(next, _status);
                _spare[next.Owner].Push(next);
                _nextWrite++;
            }

            Monitor.PulseAll(_writing);
        }
    }
}
