using System.Diagnostics;
using System.Globalization;
using System.Text;
using Oss.ResumableUpload.Benchmarks.EndToEnd;
using Oss.ResumableUpload.Hashing;

namespace Oss.ResumableUpload.Benchmarks.WholeProcess;

/// <summary>
/// <c>hash-cold</c>: MD5 + CRC-64 of parts in a fresh process, as an upload's first parts meet them, for the two
/// ways of feeding the hashes: <c>sliced</c> (64 KiB slices through <see cref="PartHasher.Append"/>, what
/// <see cref="PartHasher.Compute"/> did before) and <c>whole</c> (one call per algorithm per part, what it does now).
/// Each variant runs in its own child process, alternating, <c>--repeats</c> processes each; the child times every
/// part's CRC-64 (the hash whose JIT tier is the question) and reports the first 16 parts, all, the last 16, and
/// MD5's total for scale (MD5 is native code, no tiers).
/// </summary>
internal static class ColdHashing
{
    private const int Slice = 64 * 1024;

    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        long partSize = arguments.PartSizeGiven ? arguments.PartSize : 1L << 20;
        long bytes = arguments.Size == new BenchmarkArguments().Size ? 256L << 20 : arguments.Size;
        int parts = (int)(bytes / partSize);
        var results = new Dictionary<string, List<double[]>> { ["sliced"] = [], ["whole"] = [] };
        for (int round = 0; round < arguments.Repeats; round++)
        {
            foreach (string variant in (round & 1) == 0 ? new[] { "sliced", "whole" } : ["whole", "sliced"])
            {
                using Process child = ChildProcess.Start("hash-cold-child", variant, partSize.ToString(CultureInfo.InvariantCulture), parts.ToString(CultureInfo.InvariantCulture));
                string line = await ChildProcess.ReadTaggedLineAsync(child, "HASH ");
                await child.WaitForExitAsync();
                double[] values = line.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {variant,-6} #{round + 1}: CRC-64 first 16 parts {values[0]:0.0} ms, all {values[1]:0.0} ms, last 16 {values[2]:0.0} ms; MD5 all {values[3]:0.0} ms"));
                results[variant].Add(values);
            }
        }

        var report = new StringBuilder();
        report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"CRC-64 and MD5 in a fresh process: {parts} parts of {BenchmarkArguments.FormatSize(partSize)}, {arguments.Repeats} processes per variant; median [min..max] in ms."));
        report.AppendLine();
        report.AppendLine("| variant | CRC-64, first 16 parts | CRC-64, all parts | CRC-64, last 16 parts | MD5, all parts |");
        report.AppendLine("|---|---|---|---|---|");
        foreach ((string variant, List<double[]> runs) in results)
        {
            string Cell(int i) => string.Create(CultureInfo.InvariantCulture, $"{ProcessSeries.Median(runs.Select(r => r[i])):0.0} [{runs.Min(r => r[i]):0.0}..{runs.Max(r => r[i]):0.0}]");
            report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {variant} | {Cell(0)} | {Cell(1)} | {Cell(2)} | {Cell(3)} |"));
        }

        Console.WriteLine(report);
        return 0;
    }

    /// <summary>The child: hashes <c>parts</c> distinct buffers of <c>partSize</c>, timing each.</summary>
    public static int RunChild(string[] args)
    {
        string variant = args[0];
        int partSize = int.Parse(args[1], CultureInfo.InvariantCulture);
        int parts = int.Parse(args[2], CultureInfo.InvariantCulture);
        byte[] data = new byte[partSize * 4];
        new Random(1).NextBytes(data);
        var times = new double[parts];
        double md5Total = 0;
        ulong sink = 0;
        for (int i = 0; i < parts; i++)
        {
            ReadOnlySpan<byte> part = data.AsSpan((i % 4) * partSize, partSize);
            long start = Stopwatch.GetTimestamp();
            sink ^= variant == "sliced" ? SlicedCrc(part) : OssCrc64.Compute(part);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            start = Stopwatch.GetTimestamp();
            sink ^= variant == "sliced" ? SlicedMd5(part) : System.Security.Cryptography.MD5.HashData(part)[0];
            md5Total += Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"HASH {times.Take(16).Sum():R} {times.Sum():R} {times.TakeLast(16).Sum():R} {md5Total:R} {sink % 2}"));
        return 0;
    }

    /// <summary>CRC-64 as the former <see cref="PartHasher.Compute"/> fed it: 64 KiB slices.</summary>
    private static ulong SlicedCrc(ReadOnlySpan<byte> data)
    {
        var crc = OssCrc64.CreateHasher();
        for (int offset = 0; offset < data.Length; offset += Slice)
        {
            crc.Append(data.Slice(offset, Math.Min(Slice, data.Length - offset)));
        }

        return crc.GetCurrentHashAsUInt64();
    }

    /// <summary>MD5 as the former <see cref="PartHasher.Compute"/> fed it: 64 KiB slices.</summary>
    private static byte SlicedMd5(ReadOnlySpan<byte> data)
    {
        using var md5 = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.MD5);
        for (int offset = 0; offset < data.Length; offset += Slice)
        {
            md5.AppendData(data.Slice(offset, Math.Min(Slice, data.Length - offset)));
        }

        return md5.GetHashAndReset()[0];
    }
}
