using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Xinji.Policy.Dsl.Driver;

namespace Xinji.Policy.Dsl.Tests;

/// <summary>The content hash every command prints: defined once, over normalised paths and texts.</summary>
public class PolicyIdentityTests
{
    private static readonly InputFile[] Files =
    {
        new("/home/a/policy/00-words.policy", "policy P implements \"D\"\nfact x: bool = false \"X.\"\n"),
        new("/home/a/policy/01-rules.policy", "section \"S\"\n"),
    };

    /// <summary>The recipe of docs/commands.md, written out again: sorted relative paths and texts, each as a 4-byte little-endian length and UTF-8 bytes.</summary>
    private static string AsDocumented(IEnumerable<(string Path, string Text)> files)
    {
        var bytes = new List<byte>();
        foreach (var (path, text) in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            foreach (var part in new[] { path, text })
            {
                var encoded = Encoding.UTF8.GetBytes(part);
                bytes.AddRange(BitConverter.IsLittleEndian ? BitConverter.GetBytes(encoded.Length) : BitConverter.GetBytes(encoded.Length).Reverse());
                bytes.AddRange(encoded);
            }
        }

        return "sha256:" + Convert.ToHexString(SHA256.HashData(bytes.ToArray())).ToLowerInvariant();
    }

    [Fact]
    public void The_hash_is_the_documented_sha256_over_paths_relative_to_the_shared_directory_and_texts()
    {
        var expected = AsDocumented(Files.Select(f => (f.Path.Substring("/home/a/policy/".Length), f.Text)));

        Assert.Equal(expected, PolicyIdentity.HashOf(Files));
        Assert.Matches("^sha256:[0-9a-f]{64}$", PolicyIdentity.HashOf(Files));
    }

    [Fact]
    public void The_same_policy_elsewhere_in_another_order_with_windows_line_endings_and_a_bom_has_the_same_hash()
    {
        var moved = Files.Reverse()
            .Select(f => new InputFile(f.Path.Replace("/home/a/policy/", "C:\\work\\copy\\", StringComparison.Ordinal), "\uFEFF" + f.Text.Replace("\n", "\r\n", StringComparison.Ordinal)))
            .ToList();

        Assert.Equal(PolicyIdentity.HashOf(Files), PolicyIdentity.HashOf(moved));
    }

    [Fact]
    public void Examples_and_documents_are_not_part_of_the_policy_and_a_changed_character_is()
    {
        var withExamples = Files.Append(new InputFile("/home/a/policy/p.examples", "example \"e\"\n")).Append(new InputFile("/home/a/policy/doc.txt", "D."));
        var edited = Files.Select(f => f with { Text = f.Text.Replace("false", "true ", StringComparison.Ordinal) });
        var renamed = Files.Select(f => f with { Path = f.Path.Replace("01-rules", "02-rules", StringComparison.Ordinal) });

        Assert.Equal(PolicyIdentity.HashOf(Files), PolicyIdentity.HashOf(withExamples));
        Assert.NotEqual(PolicyIdentity.HashOf(Files), PolicyIdentity.HashOf(edited));
        Assert.NotEqual(PolicyIdentity.HashOf(Files), PolicyIdentity.HashOf(renamed));
    }

    [Fact]
    public void Files_in_sub_folders_keep_the_sub_folder_in_their_path()
    {
        var nested = new[] { new InputFile("/p/a.policy", "x"), new InputFile("/p/sub/b.policy", "y") };

        Assert.Equal(AsDocumented(new[] { ("a.policy", "x"), ("sub/b.policy", "y") }), PolicyIdentity.HashOf(nested));
        Assert.Equal("Warranty sha256:", PolicyIdentity.Of("Warranty", nested).ToString()[..16]);
        Assert.Equal(PolicyIdentity.Unnamed, PolicyIdentity.Of(null, nested).Name);
    }
}
