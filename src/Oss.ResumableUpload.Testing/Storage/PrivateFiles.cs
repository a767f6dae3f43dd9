namespace Oss.ResumableUpload.Testing;

/// <summary>
/// Files and directories that only the server's user can read (on Unix: directories 0700, files 0600), shared by the
/// stores that keep blobs on disk.
/// </summary>
internal static class PrivateFiles
{
    /// <summary>The buffer size of blob file streams.</summary>
    public const int BufferSize = 1024 * 1024;

    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
        }
        else
        {
            System.IO.Directory.CreateDirectory(path, PrivateDirectory);
        }
    }

    public static FileStream CreateFile(string path, FileMode mode = FileMode.CreateNew)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.Read, BufferSize = BufferSize, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFile;
        }

        return new FileStream(path, options);
    }

    /// <summary>Deletes a file, ignoring a failure: a leftover file is removed with its directory or at the next start.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
