using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace Xinji.Policy.Dsl.Driver;

/// <summary>
/// Which policy decided: its name (the header's) and a content hash of its <c>.policy</c> files.
/// The same policy has the same hash wherever its files are, whatever line endings they were
/// checked out with, so a tool can tell that the policy it read is the one compiled into it.
/// </summary>
public sealed record PolicyIdentity(string Name, string Hash)
{
    /// <summary>The name shown when the policy has no header that parses.</summary>
    public const string Unnamed = "(unnamed)";

    /// <summary><c>Name sha256:…</c>, as every command prints it.</summary>
    public override string ToString() => Name + " " + Hash;

    /// <summary>
    /// The identity of a policy's files: the header's name from <paramref name="name"/>, and
    /// <see cref="HashOf"/> over the files.
    /// </summary>
    public static PolicyIdentity Of(string? name, IEnumerable<InputFile> files) =>
        new(string.IsNullOrEmpty(name) ? Unnamed : name!, HashOf(files));

    /// <summary>
    /// <c>sha256:</c> and 64 lowercase hex digits: a SHA-256 over the policy's <c>.policy</c> files
    /// (<c>.examples</c> files and documents do not decide anything and are left out), sorted by
    /// path. Each file counts as its path relative to the directory the files share, with <c>/</c>
    /// separators, and its text without a byte order mark and with <c>\r\n</c> read as <c>\n</c>;
    /// each of those strings enters the hash as its UTF-8 length (4 bytes, little-endian) and bytes.
    /// </summary>
    public static string HashOf(IEnumerable<InputFile> files)
    {
        var policies = files.Where(f => PolicyDriver.IsPolicyFile(f.Path))
            .Select(f => (Path: f.Path.Replace('\\', '/'), Text: NormalizeText(f.Text)))
            .ToList();
        var shared = SharedDirectory(policies.Select(p => p.Path).ToList());

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, text) in policies.Select(p => (p.Path.Substring(shared.Length), p.Text)).OrderBy(p => p.Item1, StringComparer.Ordinal))
        {
            Append(sha, path);
            Append(sha, text);
        }

        var builder = new StringBuilder("sha256:", 7 + 64);
        foreach (var b in sha.GetHashAndReset())
        {
            builder.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static void Append(IncrementalHash sha, string part)
    {
        var bytes = Encoding.UTF8.GetBytes(part);
        var length = bytes.Length;
        sha.AppendData(new[] { (byte)length, (byte)(length >> 8), (byte)(length >> 16), (byte)(length >> 24) });
        sha.AppendData(bytes);
    }

    private static string NormalizeText(string text) =>
        (text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text).Replace("\r\n", "\n");

    /// <summary>The longest directory prefix (ending in <c>/</c>) the paths share; empty when they share none.</summary>
    private static string SharedDirectory(List<string> paths)
    {
        if (paths.Count == 0)
        {
            return string.Empty;
        }

        // A prefix of the first path's directory that ends at a '/' and starts every other path.
        var shared = paths[0].Substring(0, paths[0].LastIndexOf('/') + 1);
        foreach (var path in paths.Skip(1))
        {
            while (shared.Length > 0 && !path.StartsWith(shared, StringComparison.Ordinal))
            {
                shared = shared.Length < 2 ? string.Empty : shared.Substring(0, shared.LastIndexOf('/', shared.Length - 2) + 1);
            }
        }

        return shared;
    }
}
