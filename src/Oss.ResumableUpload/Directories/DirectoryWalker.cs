using Microsoft.Extensions.FileSystemGlobbing;
using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Resumable;

namespace Oss.ResumableUpload.Directories;

/// <summary>
/// Lists the regular files of a directory tree that a <see cref="UploadDirectoryRequest"/> selects: depth first,
/// without following symbolic links unless asked, never walking a directory twice (so a link loop ends), leaving out
/// hidden entries, FIFOs, sockets and devices, and then applying the include and exclude globs to the relative paths.
/// </summary>
internal sealed class DirectoryWalker
{
    private static readonly EnumerationOptions s_oneLevel = new()
    {
        RecurseSubdirectories = false,
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        ReturnSpecialDirectories = false,
        MatchType = MatchType.Simple,
    };

    private readonly bool _includeHidden;
    private readonly bool _followLinks;
    private readonly string? _skippedDirectory;
    private readonly Matcher _matcher;
    private readonly HashSet<string> _visited = new(StringComparer.Ordinal);

    /// <param name="request">The filters.</param>
    /// <param name="skippedDirectory">A full path never walked (the checkpoint directory, when it is inside the tree).</param>
    public DirectoryWalker(UploadDirectoryRequest request, string? skippedDirectory)
    {
        _includeHidden = request.IncludeHidden;
        _followLinks = request.FollowSymbolicLinks;
        _skippedDirectory = skippedDirectory is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(skippedDirectory));
        _matcher = new Matcher(OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        _matcher.AddIncludePatterns(request.Include is { Count: > 0 } include ? include : ["**/*"]);
        if (request.Exclude is { Count: > 0 } exclude)
        {
            _matcher.AddExcludePatterns(exclude);
        }
    }

    /// <summary>Walks <paramref name="root"/> (a full path) and returns the selected files in ordinal order of their relative paths.</summary>
    /// <exception cref="DirectoryNotFoundException">The root is not a directory.</exception>
    public (List<LocalTreeFile> Files, List<UnreadableDirectory> Unreadable) Walk(string root, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The directory to upload, '{root}', does not exist.");
        }

        var found = new List<LocalTreeFile>();
        var unreadable = new List<UnreadableDirectory>();
        var pending = new Stack<(string Path, string Relative)>();
        pending.Push((root, ""));
        MarkVisited(root);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            (string directory, string relative) = pending.Pop();
            List<FileSystemInfo> entries;
            try
            {
                entries = [.. new DirectoryInfo(directory).EnumerateFileSystemInfos("*", s_oneLevel)];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                unreadable.Add(new UnreadableDirectory(relative, ex));
                continue;
            }

            foreach (FileSystemInfo entry in entries)
            {
                string childRelative = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
                if (!_includeHidden && IsHidden(entry))
                {
                    continue;
                }

                bool isLink = entry.LinkTarget is not null;
                if (isLink && !_followLinks)
                {
                    continue;
                }

                switch (LocalFileProbe.Probe(entry.FullName))
                {
                    case LocalFileKind.Directory:
                        if (!IsSkippedDirectory(entry.FullName) && MarkVisited(entry.FullName))
                        {
                            pending.Push((entry.FullName, childRelative));
                        }

                        break;
                    case LocalFileKind.Regular or LocalFileKind.Unknown:
                        if (Describe(entry, isLink) is FileInfo file)
                        {
                            found.Add(new LocalTreeFile(entry.FullName, childRelative, file.Length, file.LastWriteTimeUtc));
                        }

                        break;
                }
            }
        }

        return (Select(root, found), unreadable);
    }

    private static bool IsHidden(FileSystemInfo entry)
        => entry.Name.StartsWith('.') || (entry.Attributes & FileAttributes.Hidden) != 0;

    /// <summary>The file's own information, through a link to its final target; null when it vanished or is dangling.</summary>
    private static FileInfo? Describe(FileSystemInfo entry, bool isLink)
    {
        try
        {
            FileInfo? file = isLink ? entry.ResolveLinkTarget(returnFinalTarget: true) as FileInfo : entry as FileInfo;
            return file is { Exists: true } ? file : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private bool IsSkippedDirectory(string fullPath)
        => _skippedDirectory is not null
           && string.Equals(Path.TrimEndingDirectorySeparator(fullPath), _skippedDirectory, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>Records a directory by its identity (device and inode on Unix, the resolved path elsewhere); false when it was walked already.</summary>
    private bool MarkVisited(string fullPath)
    {
        if (!_followLinks)
        {
            return true; // Without links the tree is a tree: nothing is reached twice.
        }

        string identity;
        if (UnixFileStatus.IsSupported && UnixFileStatus.Of(fullPath, followLinks: true) is UnixFileStatus status)
        {
            identity = $"{status.Device}:{status.Inode}";
        }
        else
        {
            identity = new DirectoryInfo(fullPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(fullPath);
            identity = Path.TrimEndingDirectorySeparator(OperatingSystem.IsWindows() ? identity.ToUpperInvariant() : identity);
        }

        return _visited.Add(identity);
    }

    private List<LocalTreeFile> Select(string root, List<LocalTreeFile> found)
    {
        var byPath = new Dictionary<string, LocalTreeFile>(found.Count, StringComparer.Ordinal);
        foreach (LocalTreeFile file in found)
        {
            byPath.TryAdd(file.RelativePath, file);
        }

        // The matcher sees full paths under the root; it answers with the relative paths, '/'-separated, as found.
        var matched = _matcher.Match(root, found.Select(f => Path.Combine(root, f.RelativePath)));
        var selected = new List<LocalTreeFile>();
        foreach (FilePatternMatch match in matched.Files)
        {
            if (byPath.Remove(match.Path, out LocalTreeFile? file))
            {
                selected.Add(file);
            }
        }

        selected.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return selected;
    }
}
