using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace Xinji.Policy.Server;

/// <summary>A key a caller may present as <c>Authorization: Bearer KEY</c>, and the client name the decision log records for it.</summary>
public sealed class ApiKey
{
    /// <summary>Fewer characters than this are too easy to guess to be a key.</summary>
    public const int MinLength = 16;

    private readonly byte[] _digest;

    public ApiKey(string client, string key)
    {
        Client = client;
        _digest = Digest(key);
    }

    /// <summary>Who holds the key, as the decision log records it (never the key).</summary>
    public string Client { get; }

    /// <summary>
    /// Reads a key file: one key a line, optionally after a client name and a space
    /// (<c>ticketing 3f9a…</c>); blank lines and lines starting with <c>#</c> are skipped.
    /// </summary>
    /// <exception cref="FormatException">A line holds no usable key (the message names the file and line).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static IReadOnlyList<ApiKey> ReadFile(string path, string shownAs)
    {
        var keys = new List<ApiKey>();
        var number = 0;
        foreach (var raw in File.ReadAllLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var space = line.AsSpan().IndexOfAny(' ', '\t');
            var client = space < 0 ? "key " + number.ToString(CultureInfo.InvariantCulture) : line[..space];
            var key = space < 0 ? line : line[(space + 1)..].Trim();
            if (key.Length < MinLength || key.Contains(' ', StringComparison.Ordinal) || key.Contains('\t', StringComparison.Ordinal))
            {
                throw new FormatException($"{shownAs}({number.ToString(CultureInfo.InvariantCulture)}): a key is one word of at least {MinLength.ToString(CultureInfo.InvariantCulture)} characters, optionally after a client name");
            }

            keys.Add(new ApiKey(client, key));
        }

        return keys.Count > 0 ? keys : throw new FormatException(shownAs + ": no keys in the file");
    }

    /// <summary>
    /// The key's holder when <paramref name="presented"/> is one of <paramref name="keys"/>, else null.
    /// The digests are compared in constant time and every key is compared, so the time taken says
    /// nothing about which key, or how much of one, matched.
    /// </summary>
    public static ApiKey? Match(IReadOnlyList<ApiKey> keys, string presented)
    {
        var digest = Digest(presented);
        ApiKey? found = null;
        foreach (var key in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(key._digest, digest))
            {
                found ??= key;
            }
        }

        return found;
    }

    // Comparing digests of equal length keeps the comparison's time independent of the key's length too.
    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
