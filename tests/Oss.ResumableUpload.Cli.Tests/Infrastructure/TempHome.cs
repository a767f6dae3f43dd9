namespace Oss.ResumableUpload.Cli.Tests;

/// <summary>A private directory for one test: the child's HOME, its data directory and its files.</summary>
internal sealed class TempHome : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "oss-cli-tests-" + Guid.NewGuid().ToString("N"));

    public TempHome() => Directory.CreateDirectory(Path);

    public string CheckpointDirectory => System.IO.Path.Combine(Path, "data", "oss-upload", "checkpoints");

    public string ServerDataDirectory => System.IO.Path.Combine(Path, "data", "oss-upload", "embedded-server");

    /// <summary>Writes a file of pseudo-random bytes.</summary>
    public string CreateFile(string name, int length)
    {
        string path = System.IO.Path.Combine(Path, name);
        byte[] bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
