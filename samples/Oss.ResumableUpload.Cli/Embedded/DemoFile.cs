namespace Oss.ResumableUpload.Cli;

/// <summary>Makes (once) a file of pseudo-random bytes for the first run of <c>oss-upload upload</c>.</summary>
internal static class DemoFile
{
    public static string Ensure(long size)
    {
        string path = Path.Combine(Path.GetTempPath(), $"oss-upload-demo-{size}.bin");
        if (File.Exists(path) && new FileInfo(path).Length == size)
        {
            Console.WriteLine($"No file given: using the demo file {path}.");
            return path;
        }

        Console.WriteLine($"No file given: writing a {ByteSize.Format(size)} demo file to {path}.");
        string temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            var random = new Random(20261125);
            byte[] buffer = new byte[1 << 20];
            long remaining = size;
            while (remaining > 0)
            {
                random.NextBytes(buffer);
                int count = (int)Math.Min(buffer.Length, remaining);
                stream.Write(buffer, 0, count);
                remaining -= count;
            }
        }

        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
