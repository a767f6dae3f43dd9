using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using Oss.ResumableUpload.Diagnostics;

namespace Oss.ResumableUpload.Checkpoints;

/// <summary>
/// Keeps a <see cref="FileCheckpointStore"/> directory free of what nobody will use again: temporary files of killed
/// saves, checkpoint files no key can name, and untrusted files the current user owns. It only ever touches the
/// files of an object whose lock is held, and never a file another user owns.
/// </summary>
internal sealed class CheckpointDirectoryCleaner(string directory, ILogger logger)
{
    /// <summary>
    /// Deletes the temporary files of one object. Called with the object's lock held: every save of the object runs
    /// under that lock, so any temporary file of it is left over from a save that was killed.
    /// </summary>
    public void RemoveStaleTemporaryFiles(string objectHash)
    {
        foreach (string file in ListFiles(directory, CheckpointFileNames.TemporaryPattern(objectHash)))
        {
            if (file.EndsWith(CheckpointFileNames.TemporaryExtension, StringComparison.Ordinal) && CheckpointFileTrust.ForeignOwner(file) is null && TryDelete(file))
            {
                Log.StaleTemporaryFileRemoved(logger, file);
            }
        }
    }

    /// <summary>
    /// Deletes the object's checkpoint files that no key can name, and untrusted ones the current user owns. Runs
    /// while the object's lock is still held, at the end of an upload: by then the engine has loaded (and reported)
    /// or replaced the current fingerprint's file, so what is left damaged belongs to nobody.
    /// </summary>
    public void RemoveUnusableCheckpoints(string objectHash)
    {
        foreach (string file in ListFiles(directory, CheckpointFileNames.CheckpointPattern(objectHash)))
        {
            string? damage;
            using (SafeFileHandle? handle = TryOpenForReading(file))
            {
                if (handle is null)
                {
                    continue;
                }

                try
                {
                    damage = CheckpointFileTrust.ProblemWith(file, handle) is { } problem ? "it is " + problem
                        : CheckpointFileHeader.Read(handle) is not { } header ? "its first line is not a valid header"
                        : !IsNamedFor(file, header) ? "its header names a key whose file name is another"
                        : null;
                }
                catch (IOException)
                {
                    continue;
                }
            }

            // Someone else's file is theirs to remove.
            if (damage is not null && CheckpointFileTrust.ForeignOwner(file) is null && TryDelete(file))
            {
                Log.DamagedCheckpointFileRemoved(logger, file, damage);
            }
        }
    }

    /// <summary>The files of <paramref name="directory"/> that match <paramref name="pattern"/>; none when it cannot be listed.</summary>
    public static string[] ListFiles(string directory, string pattern)
    {
        try
        {
            return Directory.Exists(directory) ? Directory.GetFiles(directory, pattern) : [];
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            // A directory we may write but not list.
            return [];
        }
    }

    /// <summary>Whether <paramref name="file"/> has the name of the key its header names.</summary>
    public static bool IsNamedFor(string file, CheckpointFileHeader header)
        => string.Equals(CheckpointFileNames.Checkpoint(header.ToKey()), Path.GetFileName(file), StringComparison.Ordinal);

    /// <summary>Opens a file of the directory for reading.</summary>
    /// <returns>The handle, or null when the file is gone or cannot be read.</returns>
    public static SafeFileHandle? TryOpenForReading(string file)
    {
        try
        {
            return File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        }
        catch (IOException)
        {
            // Deleted or replaced between the listing and the open.
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            // Not ours to read, so not ours to judge or delete either.
            return null;
        }
    }

    /// <summary>Deletes a file if it can; a file that stays is harmless.</summary>
    /// <returns>Whether it was deleted (or was already gone).</returns>
    public static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
