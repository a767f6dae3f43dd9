namespace Oss.ResumableUpload.Benchmarks.EndToEnd;

/// <summary>A file of pseudo-random bytes of a given size, made once in the temp directory and reused.</summary>
internal static class BenchmarkFile
{
    public static string Ensure(long size)
    {
        string path = Path.Combine(Path.GetTempPath(), $"oss-bench-{size}.bin");
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
}
