using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Driver;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Tooling;

/// <summary>Why a policy could not be read from disk.</summary>
public enum PolicyReadFailure
{
    /// <summary>A path given is neither a file nor a directory.</summary>
    MissingPath,

    /// <summary>A file or directory exists but reading it failed.</summary>
    Unreadable,

    /// <summary>The paths hold no <c>.policy</c> file.</summary>
    NoPolicyFiles,
}

/// <summary>A policy that cannot be read, with one message for people: <c>cannot read PATH: why</c>.</summary>
public sealed class PolicyReadException : Exception
{
    public PolicyReadException(PolicyReadFailure failure, string path, string reason)
        : base("cannot read " + path + ": " + reason)
    {
        Failure = failure;
        Path = path;
    }

    public PolicyReadFailure Failure { get; }

    /// <summary>The path as the user gave it (or as the policy shows it), or the paths given when no policy file was found.</summary>
    public string Path { get; }
}

/// <summary>
/// Finds a policy's files on disk and reads them for <see cref="PolicyDriver"/>: the one place
/// that knows directories, extensions and what a read error looks like. Paths are relative to
/// a working directory that is passed in, so commands can run side by side in one process.
/// </summary>
public static class PolicySources
{
    /// <summary>
    /// Reads the policy at these paths. A directory stands for its <c>.policy</c> files, and its
    /// <c>.examples</c> files too <paramref name="withExamples"/>; a file stands for itself (a
    /// <c>.examples</c> file holds examples, any other file policy text). When only
    /// <c>.examples</c> files are found, the policy is the <c>.policy</c> files beside them. The
    /// document each header names in <c>source</c> is read relative to the header's file; when it
    /// does not exist it is left out, and the binder reports XP0130 at the header's <c>source</c>.
    /// </summary>
    /// <param name="workingDirectory">What relative paths are relative to; the process's current directory when null.
    /// Files are named relative to it when below it, else by full path, as compilers print them.</param>
    /// <exception cref="PolicyReadException">A path does not exist, a file cannot be read, or there is no <c>.policy</c> file.</exception>
    public static DriverInput Read(IEnumerable<string> paths, bool withExamples = false, string? workingDirectory = null) =>
        ReadChecked(paths, withExamples, workingDirectory).Input;

    /// <summary>
    /// Reads the policy as <see cref="Read"/> does, with an error at the header's <c>source</c> for each
    /// document that cannot be used: larger than <see cref="MaxFileBytes"/>, or not a regular file.
    /// </summary>
    /// <inheritdoc cref="Read"/>
    private static (DriverInput Input, IReadOnlyList<PolicyDiagnostic> Problems) ReadChecked(IEnumerable<string> paths, bool withExamples, string? workingDirectory)
    {
        var directory = workingDirectory ?? Directory.GetCurrentDirectory();
        var texts = ReadTexts(paths, withExamples, directory);
        var problems = new List<PolicyDiagnostic>();
        var documents = ReadDocuments(texts.Select(PolicyDriver.Shared.Parse), directory, problems);
        return (new DriverInput(texts, documents), problems);
    }

    /// <summary>
    /// The <c>.policy</c> files at these paths, as <see cref="Read"/> finds and reads them, and nothing
    /// else: no parse, no documents. Enough to tell a policy by its content hash before binding it.
    /// </summary>
    /// <inheritdoc cref="Read"/>
    public static IReadOnlyList<InputFile> ReadPolicyFiles(IEnumerable<string> paths, string? workingDirectory = null) =>
        ReadTexts(paths, withExamples: false, workingDirectory ?? Directory.GetCurrentDirectory());

    /// <summary>
    /// The text of a document beside the policy, read as <see cref="Read"/> reads the documents headers name;
    /// null when it is not there or cannot be used.
    /// </summary>
    /// <exception cref="PolicyReadException">The document exists but cannot be read.</exception>
    public static string? ReadDocument(string fullPath) =>
        File.Exists(fullPath) ? ReadBounded(fullPath, fullPath, out _) : null;

    private static List<InputFile> ReadTexts(IEnumerable<string> paths, bool withExamples, string directory)
    {
        var given = paths.ToList();
        var policyFiles = new List<string>();
        var exampleFiles = new List<string>();
        foreach (var path in given)
        {
            var full = Path.GetFullPath(path, directory);
            if (Directory.Exists(full))
            {
                policyFiles.AddRange(Files(full, PolicyDriver.PolicyExtension, path));
                if (withExamples)
                {
                    exampleFiles.AddRange(Files(full, PolicyDriver.ExamplesExtension, path));
                }
            }
            else if (File.Exists(full))
            {
                (PolicyDriver.IsExamplesFile(full) ? exampleFiles : policyFiles).Add(full);
            }
            else
            {
                throw new PolicyReadException(PolicyReadFailure.MissingPath, path, "no such file or directory");
            }
        }

        if (policyFiles.Count == 0)
        {
            foreach (var beside in exampleFiles.Select(f => Path.GetDirectoryName(f)!).Distinct(StringComparer.Ordinal))
            {
                policyFiles.AddRange(Files(beside, PolicyDriver.PolicyExtension, Display(beside, directory)));
            }
        }

        if (policyFiles.Count == 0)
        {
            throw new PolicyReadException(PolicyReadFailure.NoPolicyFiles, string.Join(", ", given), "no " + PolicyDriver.PolicyExtension + " files");
        }

        return Distinct(policyFiles).Concat(Distinct(exampleFiles))
            .Select(full => new InputFile(Display(full, directory), ReadText(full, Display(full, directory))))
            .ToList();
    }

    /// <summary>Reads the policy and binds it through the shared driver (no analysis: see <see cref="PolicyChecker"/>).</summary>
    /// <inheritdoc cref="Read"/>
    public static LoadedPolicy Load(IEnumerable<string> paths, bool withExamples = false, string? workingDirectory = null)
    {
        var (input, problems) = ReadChecked(paths, withExamples, workingDirectory);
        return Load(input, problems);
    }

    /// <summary>Binds a policy whose texts are at hand already (the policy built into a tool), as <see cref="Load(IEnumerable{string}, bool, string?)"/> does one read from disk.</summary>
    public static LoadedPolicy Load(DriverInput input) => Load(input, Array.Empty<PolicyDiagnostic>());

    private static LoadedPolicy Load(DriverInput input, IReadOnlyList<PolicyDiagnostic> problems)
    {
        var result = PolicyDriver.Shared.Compile(input);
        var name = result.Files.SelectMany(f => f.Declarations).OfType<PolicyHeaderDeclaration>().FirstOrDefault()?.Name.Text;

        // A document that is there but cannot be used is missing to the binder too; the problem says why, once.
        var diagnostics = result.Diagnostics.Where(d => d.Id != DiagnosticIds.SourceDocumentMissing
                                                         || !problems.Any(p => p.FilePath == d.FilePath && p.Span == d.Span));
        return new LoadedPolicy(result.Files, problems.Count == 0 ? result.Policy : null, problems.Concat(diagnostics).ToList())
        {
            Sources = input.PolicyFiles.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal),
            Documents = input.Documents,
            Identity = PolicyIdentity.Of(name, input.PolicyFiles),
        };
    }

    /// <summary>
    /// The documents the files' headers name that exist, read relative to <paramref name="workingDirectory"/>.
    /// A document that is not a regular file, or larger than <see cref="MaxFileBytes"/>, is left out,
    /// with an error at the header's <c>source</c> in <paramref name="problems"/>.
    /// </summary>
    /// <exception cref="PolicyReadException">A document exists but cannot be read.</exception>
    internal static IReadOnlyList<InputFile> ReadDocuments(IEnumerable<PolicyFile> files, string? workingDirectory = null, List<PolicyDiagnostic>? problems = null)
    {
        var directory = workingDirectory ?? Directory.GetCurrentDirectory();
        var documents = new List<InputFile>();
        foreach (var (file, header) in Headers(files))
        {
            // The driver's notion of the path, for this header alone.
            var path = PolicyDriver.DocumentPaths(new[] { file with { Declarations = new Declaration[] { header }.ToEquatableArray() } }).Single();
            // A NUL or other control character names no file (the path functions throw on it); the binder reports the source.
            if (documents.Any(d => d.Path == path) || path.Any(char.IsControl))
            {
                continue;
            }

            var full = Path.GetFullPath(path, directory);
            if (!File.Exists(full))
            {
                continue;
            }

            var text = ReadBounded(full, path, out var problem);
            if (text is not null)
            {
                documents.Add(new InputFile(path, text));
            }
            else
            {
                problems?.Add(PolicyDiagnostic.Create(
                    DiagnosticCatalog.PolicyHeader,
                    file.Path,
                    header.Source!.Span,
                    $"The source document '{header.Source.Value}' cannot be used: {problem}"));
            }
        }

        return documents;
    }

    /// <summary>The most a policy file or a source document may hold: far more than any real one, and little enough to read whole.</summary>
    public const int MaxFileBytes = MaxFileMebibytes * 1024 * 1024;

    private const int MaxFileMebibytes = 4;

    private static IEnumerable<(PolicyFile File, PolicyHeaderDeclaration Header)> Headers(IEnumerable<PolicyFile> files) =>
        from file in files
        from header in file.Declarations.OfType<PolicyHeaderDeclaration>()
        where header.Source is not null
        select (file, header);

    private static List<string> Files(string directory, string extension, string shownAs)
    {
        try
        {
            return Directory.GetFiles(directory, "*" + extension, SearchOption.TopDirectoryOnly)
                .Where(f => f.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
                .ToList();
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(shownAs, problem);
        }
    }

    /// <exception cref="PolicyReadException">The file cannot be read, is not a regular file, or is too large.</exception>
    private static string ReadText(string fullPath, string shownAs) =>
        ReadBounded(fullPath, shownAs, out var problem) ?? throw new PolicyReadException(PolicyReadFailure.Unreadable, shownAs, problem!);

    /// <summary>
    /// The file's text, read through a bounded buffer (a device such as /dev/zero has no length and no end),
    /// or null with why when it is not a regular file or holds more than <see cref="MaxFileBytes"/>.
    /// </summary>
    /// <exception cref="PolicyReadException">Reading the file failed.</exception>
    private static string? ReadBounded(string fullPath, string shownAs, out string? problem)
    {
        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);

            // A pipe or a terminal cannot seek; a device reads bytes past the length it reports.
            if (!stream.CanSeek || (stream.Length == 0 && stream.ReadByte() >= 0))
            {
                problem = "it is not a regular file";
                return null;
            }

            var buffer = new byte[Math.Min(stream.Length, MaxFileBytes) + 1];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
            }

            if (length > MaxFileBytes)
            {
                problem = "it is larger than " + MaxFileMebibytes + " MiB, the most a policy file or source document may hold";
                return null;
            }

            problem = null;
            using var reader = new StreamReader(new MemoryStream(buffer, 0, length), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(shownAs, failure);
        }
    }

    private static PolicyReadException Unreadable(string path, Exception problem) =>
        new(PolicyReadFailure.Unreadable, path, problem is UnauthorizedAccessException ? "permission denied" : problem.Message);

    private static IEnumerable<string> Distinct(IEnumerable<string> fullPaths) =>
        fullPaths.Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal);

    /// <summary>A path relative to the working directory when below it, else the full path.</summary>
    private static string Display(string fullPath, string workingDirectory)
    {
        var relative = Path.GetRelativePath(workingDirectory, fullPath);
        return relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? fullPath
            : relative;
    }
}
