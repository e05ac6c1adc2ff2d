using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Xinji.Policy.Dsl.Driver;
using Xinji.Policy.LanguageServer.Protocol;

namespace Xinji.Policy.LanguageServer;

/// <summary>
/// The texts the server knows: each folder that holds an open policy or examples file is one policy,
/// as it is for the build, made of the folder's <c>.policy</c> and <c>.examples</c> files, with the
/// editor's text for the open ones and the disk's for the others. Not thread-safe: the server calls it
/// under its own lock.
/// </summary>
internal sealed class PolicyWorkspace
{
    /// <summary>The most a file may hold, as for the commands; a larger one is left out.</summary>
    private const long MaxFileBytes = 4 * 1024 * 1024;

    private readonly Dictionary<string, OpenDocument> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Folder> _folders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _uris = new(StringComparer.Ordinal);

    public static bool IsPolicyText(string path) => PolicyDriver.IsPolicyFile(path) || PolicyDriver.IsExamplesFile(path);

    /// <summary>The local path of a <c>file:</c> URI, or null for any other URI.</summary>
    public static string? PathOf(string? uri)
    {
        if (uri is null || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile)
        {
            return null;
        }

        return Path.GetFullPath(parsed.LocalPath);
    }

    /// <summary>The URI of a path: the one the client used for it when it used one.</summary>
    public string UriOf(string path) => _uris.TryGetValue(path, out var uri) ? uri : new Uri(path).AbsoluteUri;

    public int? VersionOf(string path) => _open.TryGetValue(path, out var document) ? document.Version : null;

    /// <summary>Opens a document; returns its folder, or null when the URI is not a policy or examples file.</summary>
    public string? Open(string uri, string text, int version)
    {
        var path = PathOf(uri);
        if (path is null || !IsPolicyText(path))
        {
            return null;
        }

        _uris[path] = uri;
        _open[path] = new OpenDocument(text, version);
        var folder = Path.GetDirectoryName(path)!;
        FolderOf(folder).Paths.Add(path);
        return folder;
    }

    /// <summary>Applies the changes in order; returns the folder, or null for a document that is not open.</summary>
    public string? Change(string uri, IReadOnlyList<TextDocumentContentChangeEvent> changes, int version)
    {
        var path = PathOf(uri);
        if (path is null || !_open.TryGetValue(path, out var document))
        {
            return null;
        }

        var text = document.Text;
        foreach (var change in changes ?? Array.Empty<TextDocumentContentChangeEvent>())
        {
            text = LineMap.Apply(text, change);
        }

        _open[path] = new OpenDocument(text, version);
        return Path.GetDirectoryName(path);
    }

    /// <summary>Closes a document: the disk's text stands for it again. Returns its folder.</summary>
    public string? Close(string uri)
    {
        var path = PathOf(uri);
        if (path is null || !_open.Remove(path))
        {
            return null;
        }

        var folder = Path.GetDirectoryName(path)!;
        Refresh(folder);
        return folder;
    }

    /// <summary>Reads the folder from disk again (after a save or a change on disk), keeping the open texts.</summary>
    public void Refresh(string folder) => _folders.Remove(folder);

    /// <summary>The folder a file's policy is: the folder the file is in, when the server knows it.</summary>
    public string? FolderOfUri(string uri)
    {
        var path = PathOf(uri);
        if (path is null || !IsPolicyText(path))
        {
            return null;
        }

        var folder = Path.GetDirectoryName(path)!;
        return _folders.ContainsKey(folder) || _open.ContainsKey(path) ? folder : null;
    }

    public IEnumerable<string> Folders => _folders.Keys.ToList();

    /// <summary>The folder's policy as the driver's input: its files' current texts, and the documents their headers name.</summary>
    public DriverInput Input(string folder, bool analyze)
    {
        var known = FolderOf(folder);
        var files = known.Paths
            .Where(p => _open.ContainsKey(p) || known.DiskTexts.ContainsKey(p))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new InputFile(p, _open.TryGetValue(p, out var open) ? open.Text : known.DiskTexts[p]))
            .ToList();
        var documents = new List<InputFile>();
        foreach (var path in PolicyDriver.DocumentPaths(files.Select(PolicyDriver.Shared.Parse)))
        {
            if (!known.Documents.TryGetValue(path, out var text))
            {
                known.Documents[path] = text = ReadBounded(path);
            }

            if (text is not null)
            {
                documents.Add(new InputFile(path, text));
            }
        }

        return new DriverInput(files, documents, analyze);
    }

    private Folder FolderOf(string folder)
    {
        if (_folders.TryGetValue(folder, out var known))
        {
            return known;
        }

        known = new Folder();
        foreach (var path in Listed(folder))
        {
            known.Paths.Add(path);
            if (ReadBounded(path) is { } text)
            {
                known.DiskTexts[path] = text;
            }
        }

        foreach (var open in _open.Keys.Where(p => string.Equals(Path.GetDirectoryName(p), folder, StringComparison.Ordinal)))
        {
            known.Paths.Add(open);
        }

        _folders[folder] = known;
        return known;
    }

    private static IEnumerable<string> Listed(string folder)
    {
        try
        {
            return Directory.GetFiles(folder).Where(IsPolicyText).Select(Path.GetFullPath).ToList();
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }

    /// <summary>A file's text, or null when it is missing, unreadable or too large: the folder's policy goes on without it.</summary>
    private static string? ReadBounded(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists && info.Length <= MaxFileBytes ? File.ReadAllText(path) : null;
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed record OpenDocument(string Text, int Version);

    private sealed class Folder
    {
        public HashSet<string> Paths { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> DiskTexts { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string?> Documents { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>A folder's policy at one moment: the driver's result and what the features read from it.</summary>
internal sealed class PolicySnapshot
{
    private readonly Dictionary<string, LineMap> _lines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _texts;
    private readonly Lazy<PolicyIndex> _index;

    public PolicySnapshot(DriverInput input, DriverResult result)
    {
        Input = input;
        Result = result;
        _texts = input.PolicyFiles.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);
        _index = new Lazy<PolicyIndex>(() => new PolicyIndex(result));
    }

    public DriverInput Input { get; }

    public DriverResult Result { get; }

    /// <summary>Built when a feature first asks: publishing diagnostics needs none of it.</summary>
    public PolicyIndex Index => _index.Value;

    public IEnumerable<string> Paths => _texts.Keys;

    public string? Text(string path) => _texts.TryGetValue(path, out var text) ? text : null;

    public LineMap Lines(string path)
    {
        if (!_lines.TryGetValue(path, out var map))
        {
            _lines[path] = map = new LineMap(Text(path) ?? string.Empty);
        }

        return map;
    }

    public string? DocumentText => Input.Documents.Count > 0 ? Input.Documents[0].Text : null;

    public static PolicySnapshot Compile(PolicyDriver driver, DriverInput input, CancellationToken cancellationToken = default) =>
        new(input, driver.Compile(input, cancellationToken));
}
