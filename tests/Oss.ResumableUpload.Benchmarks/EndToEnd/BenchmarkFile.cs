namespace Oss.ResumableUpload.Benchmarks.EndToEnd;

/// <summary>A file of pseudo-random bytes of a given size, made once in the temp directory (or the given one) and reused.</summary>
internal static class BenchmarkFile
{
    public static string Ensure(long size, string? directory = null)
    {
        string path = Path.Combine(directory ?? Path.GetTempPath(), $"oss-bench-{size}.bin");
        if (File.Exists(path) && new FileInfo(path).Length == size)
        {
            return path;
        }

        string temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            var random = new Random(5);
            byte[] buffer = new byte[8 << 20];
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

    /// <summary>Reads the whole file once, so that it is in the page cache before anything is timed.</summary>
    public static void ReadThrough(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        byte[] buffer = new byte[4 << 20];
        while (stream.Read(buffer) > 0)
        {
        }
    }
}
