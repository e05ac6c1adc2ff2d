using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace Xinji.Policy.Dsl.Driver;

/// <summary>
/// Results by a hash of what they were computed from, keeping the most recently used ones.
/// Thread-safe; a value is computed outside the lock, so a slow computation blocks no one, and
/// one that throws (a cancelled analysis) leaves nothing behind.
/// </summary>
internal sealed class ContentCache<TValue>
    where TValue : class
{
    private readonly int _capacity;
    private readonly object _gate = new();
    private readonly Dictionary<string, LinkedListNode<KeyValuePair<string, TValue>>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<KeyValuePair<string, TValue>> _recent = new();

    public ContentCache(int capacity)
    {
        if (capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A cache holds at least one entry.");
        }

        _capacity = capacity;
    }

    public TValue GetOrAdd(string key, Func<TValue> create)
    {
        if (TryGet(key, out var cached))
        {
            return cached;
        }

        var created = create();
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var raced))
            {
                return raced.Value.Value;
            }

            _entries[key] = _recent.AddFirst(new KeyValuePair<string, TValue>(key, created));
            while (_entries.Count > _capacity)
            {
                _entries.Remove(_recent.Last!.Value.Key);
                _recent.RemoveLast();
            }
        }

        return created;
    }

    public bool TryGet(string key, out TValue value)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                value = node.Value.Value;
                return true;
            }
        }

        value = null!;
        return false;
    }
}

/// <summary>Content keys for <see cref="ContentCache{TValue}"/>.</summary>
internal static class ContentHash
{
    /// <summary>A SHA-256 over the parts, each prefixed by its length so that no two lists of parts hash alike by concatenation.</summary>
    public static string Of(IEnumerable<string> parts)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            var bytes = Encoding.UTF8.GetBytes(part);
            sha.AppendData(BitConverter.GetBytes(bytes.Length));
            sha.AppendData(bytes);
        }

        return Convert.ToBase64String(sha.GetHashAndReset());
    }
}
