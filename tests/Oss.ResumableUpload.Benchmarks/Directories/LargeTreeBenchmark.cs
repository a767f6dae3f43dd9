using System.Diagnostics;
using System.Globalization;
using System.Text;
using Oss.ResumableUpload.Benchmarks.EndToEnd;
using Oss.ResumableUpload.Benchmarks.WholeProcess;

namespace Oss.ResumableUpload.Benchmarks.Directories;

/// <summary>
/// <c>directory --tree large</c>: a few large files plus small ones (<see cref="LargeTree"/>), uploaded to one
/// discard-mode sink server in its own process, in-process on the client side, alternating rounds of
/// <see cref="OssClient.UploadDirectoryAsync"/> with its defaults and the <see cref="LargeTreeBareLoop"/> with the same
/// part size and parts in flight. Each run reports wall time, throughput, this process's CPU time, its peak resident
/// set (reset before each run through <c>/proc/self/clear_refs</c>), and when the last small file was done: the check
/// that no small file waits behind the large files' parts.
/// </summary>
internal static class LargeTreeBenchmark
{
    private const string Library = "UploadDirectoryAsync (defaults)";

    private const string Loop = "bare loop (8 workers, tree order)";

    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var defaults = new UploadDirectoryRequest { LocalDirectory = ".", BucketName = "b" };
        var clock = Stopwatch.StartNew();
        LargeTree tree = LargeTree.Prepare(arguments.Directory, arguments.LargeFiles, arguments.LargeSize, arguments.SmallFiles);
        Console.Error.WriteLine(FormattableString.Invariant($"tree {tree.Root}: {tree.LargePaths.Count} x {tree.LargeSize / 1e6:0} MB + {tree.SmallPaths.Count} small, {tree.TotalBytes / 1e6:0.0} MB, ready in {clock.Elapsed.TotalSeconds:0.0} s"));
        return await DirectoryRounds.RunAsync<LargeTreeRun>(
            arguments,
            [Library, Loop],
            (contender, clients, prefix) => MeasureAsync(contender == Library
                ? watch => LibraryAsync(clients.Client, prefix, tree, watch)
                : watch => LargeTreeBareLoop.RunAsync(clients.Http, clients.Endpoint, ServerProcess.Bucket, "loop-" + prefix, tree, defaults.PartSize, defaults.MaxConcurrency, watch)),
            run => run.Describe(),
            (_, _) => { },
            (runs, loadBefore, loadAfter) => Report(arguments, tree, defaults, runs, loadBefore, loadAfter));
    }

    private static async Task<(long Sent, TimeSpan SmallDone)> LibraryAsync(OssClient client, string prefix, LargeTree tree, Stopwatch clock)
    {
        var smallDone = new SmallFilesWatch(tree, clock);
        DirectoryUploadResult result = await client.UploadDirectoryAsync(new UploadDirectoryRequest
        {
            LocalDirectory = tree.Root,
            BucketName = ServerProcess.Bucket,
            KeyPrefix = prefix,
            Exclude = [".complete"],
            Progress = smallDone,
        });
        if (!result.Succeeded || result.Files.Count != tree.LargePaths.Count + tree.SmallPaths.Count)
        {
            throw new InvalidOperationException($"{result.Files.Count(f => f.Outcome == DirectoryUploadOutcome.Failed)} files failed, {result.Files.Count} listed");
        }

        return (result.Files.Sum(f => f.Size), smallDone.At ?? throw new InvalidOperationException("the small files were never seen done"));
    }

    private static async Task<LargeTreeRun> MeasureAsync(Func<Stopwatch, Task<(long Sent, TimeSpan SmallDone)>> upload)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        bool peakReset = ResetPeakResident();
        (double user, double system) = SelfUsage.Self();
        var clock = Stopwatch.StartNew();
        (long sent, TimeSpan smallDone) = await upload(clock);
        TimeSpan wall = clock.Elapsed;
        (double userAfter, double systemAfter) = SelfUsage.Self();
        return new LargeTreeRun(wall, sent, (userAfter - user) + (systemAfter - system), peakReset ? SelfUsage.PeakResidentBytes() : -1, smallDone);
    }

    /// <summary>Writing 5 to /proc/self/clear_refs resets the peak resident set (VmHWM) to the current one (Linux 4.0+).</summary>
    private static bool ResetPeakResident()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string Report(BenchmarkArguments arguments, LargeTree tree, UploadDirectoryRequest defaults, Dictionary<string, List<LargeTreeRun>> runs, string loadBefore, string loadAfter)
    {
        var sb = new StringBuilder();
        sb.AppendLine(FormattableString.Invariant(
            $"Directory, large files: {tree.LargePaths.Count} x {BenchmarkArguments.FormatSize(tree.LargeSize)} + {tree.SmallPaths.Count} files of 4–64 KiB ({tree.TotalBytes / 1e6:0.0} MB), in-process client, sink in its own process; part size {BenchmarkArguments.FormatSize(defaults.PartSize)}, {defaults.MaxConcurrency} in flight for both; {arguments.Warmup} warm-up + {arguments.Repeats} measured rounds, alternating; median [min..max]. Load average before {loadBefore}, after {loadAfter}; {Environment.ProcessorCount} CPUs."));
        sb.AppendLine();
        sb.AppendLine("| Contender | Wall (s) | MB/s | CPU (s) | Peak RSS (MB) | Small files done at (s) |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach ((string name, List<LargeTreeRun> list) in runs)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Cell(list, r => r.Wall.TotalSeconds, "0.00")} | {Cell(list, r => r.MegabytesPerSecond, "0")} | {Cell(list, r => r.CpuSeconds, "0.00")} | {Cell(list, r => r.PeakResidentBytes / 1e6, "0")} | {Cell(list, r => r.SmallDone.TotalSeconds, "0.00")} |");
        }

        sb.AppendLine();
        sb.AppendLine("\"Small files done at\": seconds from the start until the last small file was done (library: seen in its progress reports, 100 ms resolution).");
        return sb.ToString();
    }

    private static string Cell(List<LargeTreeRun> list, Func<LargeTreeRun, double> metric, string format)
        => list.Count == 0 ? "-" : string.Create(
            CultureInfo.InvariantCulture,
            $"{ProcessSeries.Median(list.Select(metric)).ToString(format, CultureInfo.InvariantCulture)} [{list.Min(metric).ToString(format, CultureInfo.InvariantCulture)}..{list.Max(metric).ToString(format, CultureInfo.InvariantCulture)}]");

    /// <summary>
    /// Notes when every small file is done, from the library's progress reports: files completed minus the large
    /// files done (a large file seen in flight and no longer in it).
    /// </summary>
    private sealed class SmallFilesWatch(LargeTree tree, Stopwatch clock) : IProgress<DirectoryUploadProgress>
    {
        private readonly HashSet<string> _largeSeen = [];

        public TimeSpan? At { get; private set; }

        public void Report(DirectoryUploadProgress value)
        {
            foreach (string path in value.FilesInFlight)
            {
                if (tree.LargePaths.Contains(path))
                {
                    _largeSeen.Add(path);
                }
            }

            int largeDone = _largeSeen.Count(p => !value.FilesInFlight.Contains(p));
            if (At is null && value.FilesCompleted - largeDone >= tree.SmallPaths.Count)
            {
                At = clock.Elapsed;
            }
        }
    }
}
