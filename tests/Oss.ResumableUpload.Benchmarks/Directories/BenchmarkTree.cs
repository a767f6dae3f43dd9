using System.Globalization;

namespace Oss.ResumableUpload.Benchmarks.Directories;

/// <summary>
/// The tree the <c>directory</c> command uploads: <c>count</c> files of 4–64 KiB, sizes and contents from a fixed
/// seed, spread over nested directories (d00..d09/e00..e09, so about 100 files a leaf for 10,000 files). Made once
/// and reused when a tree with the same file count is already there.
/// </summary>
internal sealed record BenchmarkTree(string Root, IReadOnlyList<string> RelativePaths, long TotalBytes)
{
    public const int MinSize = 4 << 10;

    public const int MaxSize = 64 << 10;

    public static BenchmarkTree Prepare(string? parent, int count)
    {
        string root = Path.Combine(parent ?? Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"oss-bench-tree-{count}"));
        var random = new Random(20261202);
        var paths = new List<string>(count);
        long total = 0;
        byte[] buffer = new byte[MaxSize];
        bool reuse = File.Exists(Path.Combine(root, ".complete"));
        for (int i = 0; i < count; i++)
        {
            int size = random.Next(MinSize, MaxSize + 1);
            string relative = string.Create(CultureInfo.InvariantCulture, $"d{i % 10:00}/e{i / 10 % 10:00}/f{i:00000}.bin");
            paths.Add(relative);
            total += size;
            random.NextBytes(buffer.AsSpan(0, size));
            if (!reuse)
            {
                string full = Path.Combine(root, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllBytes(full, buffer.AsSpan(0, size).ToArray());
            }
        }

        if (!reuse)
        {
            File.WriteAllText(Path.Combine(root, ".complete"), "");
        }

        return new BenchmarkTree(root, paths, total);
    }
}
