using System.Globalization;
using System.Text;

namespace Oss.ResumableUpload.Benchmarks.WholeProcess;

/// <summary>
/// <c>process-ws</c>: peak working set (VmHWM) of whole-process uploads against file size, 256 MiB to 4 GiB by
/// default (<c>--sizes</c>), library and loop, against the budget 64 MiB + MaxConcurrency × PartSize. The files
/// (5.75 GiB for the default sizes) go to the temp directory, or <c>--dir</c>.
/// </summary>
internal static class WorkingSetSweep
{
    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        Contender.CheckDefaults();
        IReadOnlyList<long> sizes = arguments.Sizes ?? [256L << 20, 512L << 20, 1L << 30, 2L << 30, 4L << 30];
        (Contender library, Contender loop) = Contender.Pair(arguments);
        var link = new LinkSettings(arguments.Rtt, arguments.Bandwidth);
        using StreamWriter? csv = ProcessSeries.OpenCsv(arguments.Output);
        var rows = new List<(long Size, ProcessSeries Series)>();
        await using (SinkSession sink = await SinkSession.StartAsync(link))
        {
            foreach (long size in sizes)
            {
                string file = ProcessSeries.PrepareFile(arguments, size);
                rows.Add((size, await ProcessSeries.RunAsync("ws-" + BenchmarkArguments.FormatSize(size), sink, file, [loop, library], arguments.Repeats, arguments.Warmup, csv)));
            }
        }

        long partSize = library.PartSize ?? BareLoopUpload.DefaultPartSize;
        int concurrency = library.Concurrency ?? BareLoopUpload.DefaultConcurrency;
        double budget = 64 + (concurrency * partSize / (double)(1 << 20));
        var report = new StringBuilder();
        report.AppendLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Peak working set (VmHWM, MiB) against file size, whole process, {library.Settings.Trim()}, {link}, {arguments.Repeats} runs each; median [min..max]. Budget 64 MiB + {concurrency} x {BenchmarkArguments.FormatSize(partSize)} = {budget:0} MiB."));
        report.AppendLine();
        report.AppendLine("| file | library | bare loop | library − loop | library within budget |");
        report.AppendLine("|---|---|---|---|---|");
        foreach ((long size, ProcessSeries series) in rows)
        {
            double lib = series.Median(library, r => r.PeakWorkingSetMiB);
            double bare = series.Median(loop, r => r.PeakWorkingSetMiB);
            report.AppendLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {BenchmarkArguments.FormatSize(size)} | {series.Cell(library, r => r.PeakWorkingSetMiB, "0.0")} | {series.Cell(loop, r => r.PeakWorkingSetMiB, "0.0")} | {lib - bare:+0.0;-0.0} | {(lib <= budget ? "yes" : $"no (+{lib - budget:0.0})")} |"));
        }

        double[] medians = rows.Select(r => r.Series.Median(library, x => x.PeakWorkingSetMiB)).ToArray();
        report.AppendLine();
        report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Library medians span {medians.Min():0.0}..{medians.Max():0.0} MiB across the sizes ({(medians.Max() - medians.Min()) / medians.Min() * 100:0.0}% of the smallest)."));
        Console.WriteLine(report);
        if (arguments.Output is { } output)
        {
            await File.WriteAllTextAsync(output, report.ToString());
        }

        return 0;
    }
}
