namespace Oss.ResumableUpload.Tests.Engine;

/// <summary>A temporary directory with files of deterministic pseudo-random content; deleted on dispose.</summary>
internal sealed class TestFiles : IDisposable
{
    public TestFiles()
    {
        DirectoryPath = Path.Combine(Path.GetTempPath(), "oss-engine-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DirectoryPath);
    }

    public string DirectoryPath { get; }

    public string CheckpointDirectory => Path.Combine(DirectoryPath, "checkpoints");

    public static byte[] Content(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    public string Create(int length, int seed = 1, string name = "upload.bin")
    {
        string path = Path.Combine(DirectoryPath, name);
        File.WriteAllBytes(path, Content(length, seed));
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(DirectoryPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
