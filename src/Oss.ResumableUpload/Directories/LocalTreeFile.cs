namespace Oss.ResumableUpload.Directories;

/// <summary>One regular file found under the directory: where it is, its path relative to the root with <c>/</c>, and its fingerprint when found.</summary>
internal sealed record LocalTreeFile(string FullPath, string RelativePath, long Size, DateTime LastWriteTimeUtc);

/// <summary>A directory of the tree that could not be read; reported as a failed entry rather than silently left out.</summary>
internal sealed record UnreadableDirectory(string RelativePath, Exception Error);
