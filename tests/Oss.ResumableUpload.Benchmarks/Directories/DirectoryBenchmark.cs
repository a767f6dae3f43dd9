using System.Diagnostics;
using System.Globalization;
using System.Text;
using Oss.ResumableUpload.Benchmarks.EndToEnd;
using Oss.ResumableUpload.Benchmarks.WholeProcess;

namespace Oss.ResumableUpload.Benchmarks.Directories;

/// <summary>
/// <c>directory</c>: a tree of many small files (<c>--files</c>, default 10,000 of 4–64 KiB) uploaded to one discard-mode
/// sink server in its own process, in-process on the client side, alternating rounds (<c>--repeats</c>) of
/// <see cref="OssClient.UploadDirectoryAsync"/> with its defaults, the same again with SkipUnchanged over the tree
/// it has just uploaded, and the <see cref="DirectoryBareLoop"/> at the same concurrency (8). With <c>--tree large</c>
/// it runs <see cref="LargeTreeBenchmark"/> instead (<c>--large-files</c> 3 of <c>--large-size</c> 1 GiB plus
/// <c>--small-files</c> 100, against a bare part/PutObject loop).
/// </summary>
internal static class DirectoryBenchmark
{
    private const string Library = "UploadDirectoryAsync (defaults)";

    private const string Rerun = "re-run, SkipUnchanged";

    private const string Loop = "bare loop (8 workers)";

    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        if (arguments.Tree == "large")
        {
            return await LargeTreeBenchmark.RunAsync(arguments);
        }

        int concurrency = new UploadDirectoryRequest { LocalDirectory = ".", BucketName = "b" }.MaxConcurrency;
        var clock = Stopwatch.StartNew();
        BenchmarkTree tree = BenchmarkTree.Prepare(arguments.Directory, arguments.Files);
        Console.Error.WriteLine(FormattableString.Invariant($"tree {tree.Root}: {tree.RelativePaths.Count} files, {tree.TotalBytes / 1e6:0.0} MB, ready in {clock.Elapsed.TotalSeconds:0.0} s"));
        return await DirectoryRounds.RunAsync<DirectoryRun>(
            arguments,
            [Library, Rerun, Loop],
            (contender, clients, prefix) => contender == Loop
                ? TimeLoopAsync(clients.Http, clients.Endpoint, prefix, tree, concurrency)
                : TimeLibraryAsync(clients.Client, prefix, tree, skipUnchanged: contender == Rerun),
            run => run.Describe(),
            (contender, run) =>
            {
                if (run.Failed > 0)
                {
                    throw new InvalidOperationException($"{run.Failed} files failed in {contender}");
                }
            },
            (runs, loadBefore, loadAfter) => Report(arguments, tree, concurrency, runs, loadBefore, loadAfter));
    }

    private static async Task<DirectoryRun> TimeLibraryAsync(OssClient client, string prefix, BenchmarkTree tree, bool skipUnchanged)
    {
        Settle();
        var request = new UploadDirectoryRequest
        {
            LocalDirectory = tree.Root,
            BucketName = ServerProcess.Bucket,
            KeyPrefix = prefix,
            SkipUnchanged = skipUnchanged,
            Exclude = [".complete"],
        };
        var clock = Stopwatch.StartNew();
        DirectoryUploadResult result = await client.UploadDirectoryAsync(request);
        TimeSpan wall = clock.Elapsed;
        long sent = result.Files.Where(f => f.Outcome == DirectoryUploadOutcome.Uploaded).Sum(f => f.Size);
        return new DirectoryRun(
            wall,
            result.Files.Count,
            sent,
            result.Files.Count(f => f.Outcome == DirectoryUploadOutcome.Skipped),
            result.Files.Count(f => f.Outcome == DirectoryUploadOutcome.Failed));
    }

    private static async Task<DirectoryRun> TimeLoopAsync(HttpClient http, string endpoint, string prefix, BenchmarkTree tree, int concurrency)
    {
        Settle();
        var clock = Stopwatch.StartNew();
        long sent = await DirectoryBareLoop.RunAsync(http, endpoint, ServerProcess.Bucket, "loop-" + prefix, tree, concurrency);
        return new DirectoryRun(clock.Elapsed, tree.RelativePaths.Count, sent, 0, 0);
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static string Report(BenchmarkArguments arguments, BenchmarkTree tree, int concurrency, Dictionary<string, List<DirectoryRun>> runs, string loadBefore, string loadAfter)
    {
        var sb = new StringBuilder();
        sb.AppendLine(FormattableString.Invariant(
            $"Directory, in-process client, sink in its own process: {tree.RelativePaths.Count} files of 4–64 KiB ({tree.TotalBytes / 1e6:0.0} MB), MaxConcurrency {concurrency}, {arguments.Warmup} warm-up + {arguments.Repeats} measured rounds, alternating; median [min..max]. Load average before {loadBefore}, after {loadAfter}; {Environment.ProcessorCount} CPUs."));
        sb.AppendLine();
        sb.AppendLine("| Contender | Wall (s) | Files/s | MB/s sent | MB sent | Wall ÷ loop |");
        sb.AppendLine("|---|---|---|---|---|---|");
        double loopWall = ProcessSeries.Median(runs[Loop].Select(r => r.Seconds));
        foreach ((string name, List<DirectoryRun> list) in runs)
        {
            sb.AppendLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {name} | {Cell(list, r => r.Seconds, "0.00")} | {Cell(list, r => r.FilesPerSecond, "0")} | {Cell(list, r => r.MegabytesPerSecond, "0.0")} | {Cell(list, r => r.BytesSent / 1e6, "0.0")} | {ProcessSeries.Median(list.Select(r => r.Seconds)) / loopWall:0.00} |"));
        }

        double libraryRate = ProcessSeries.Median(runs[Library].Select(r => r.FilesPerSecond));
        double loopRate = ProcessSeries.Median(runs[Loop].Select(r => r.FilesPerSecond));
        sb.AppendLine();
        sb.AppendLine(FormattableString.Invariant($"Library ÷ loop, files/s (medians): {libraryRate / loopRate:0.00}."));
        return sb.ToString();
    }

    private static string Cell(List<DirectoryRun> list, Func<DirectoryRun, double> metric, string format)
        => string.Create(
            CultureInfo.InvariantCulture,
            $"{ProcessSeries.Median(list.Select(metric)).ToString(format, CultureInfo.InvariantCulture)} [{list.Min(metric).ToString(format, CultureInfo.InvariantCulture)}..{list.Max(metric).ToString(format, CultureInfo.InvariantCulture)}]");
}
