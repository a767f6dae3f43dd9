using System.Globalization;

namespace Oss.ResumableUpload.Benchmarks.Directories;

/// <summary>
/// The tree of <c>directory --tree large</c>: <c>large</c> files of <c>largeSize</c> bytes (<c>0-big-N.bin</c> at the
/// root, so that they sort, and are listed and started, before everything else) and <c>small</c> files of 4–64 KiB
/// under <c>small/</c>. Contents from a fixed seed; made once and reused when the same tree is already there.
/// </summary>
internal sealed record LargeTree(string Root, IReadOnlyList<string> LargePaths, IReadOnlyList<string> SmallPaths, long LargeSize, long TotalBytes)
{
    public static LargeTree Prepare(string? parent, int large, long largeSize, int small)
    {
        string name = string.Create(CultureInfo.InvariantCulture, $"oss-bench-large-{large}x{BenchmarkArguments.FormatSize(largeSize)}-{small}");
        string root = Path.Combine(parent ?? Path.GetTempPath(), name);
        bool reuse = File.Exists(Path.Combine(root, ".complete"));
        Directory.CreateDirectory(Path.Combine(root, "small"));
        var random = new Random(20261202);
        byte[] block = new byte[1 << 20];
        var largePaths = new List<string>();
        for (int i = 0; i < large; i++)
        {
            string relative = string.Create(CultureInfo.InvariantCulture, $"0-big-{i}.bin");
            largePaths.Add(relative);
            if (!reuse)
            {
                using FileStream file = File.Create(Path.Combine(root, relative));
                for (long written = 0; written < largeSize; written += block.Length)
                {
                    random.NextBytes(block.AsSpan(0, 4096));
                    file.Write(block, 0, (int)Math.Min(block.Length, largeSize - written));
                }
            }
        }

        var smallPaths = new List<string>();
        long total = large * largeSize;
        for (int i = 0; i < small; i++)
        {
            int size = random.Next(BenchmarkTree.MinSize, BenchmarkTree.MaxSize + 1);
            string relative = string.Create(CultureInfo.InvariantCulture, $"small/f{i:00000}.bin");
            smallPaths.Add(relative);
            total += size;
            random.NextBytes(block.AsSpan(0, size));
            if (!reuse)
            {
                File.WriteAllBytes(Path.Combine(root, relative), block.AsSpan(0, size).ToArray());
            }
        }

        if (!reuse)
        {
            File.WriteAllText(Path.Combine(root, ".complete"), "");
        }

        return new LargeTree(root, largePaths, smallPaths, largeSize, total);
    }
}
