using System.Globalization;
using System.Text;

namespace Oss.ResumableUpload.Benchmarks.WholeProcess;

/// <summary>
/// <c>process</c>: the library against the bare loop as users run it, one upload per fresh process, spawn to exit.
/// One sink for all runs, the file made once and read into the page cache, the contenders alternating.
/// <c>--size 16MiB</c> is the fixed-cost mode: it reports the CPU-seconds the library costs above the loop.
/// With <c>--rtt</c> / <c>--bandwidth</c> the runs go through the <see cref="LinkEmulator"/>.
/// </summary>
internal static class ProcessBenchmark
{
    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        Contender.CheckDefaults();
        var link = new LinkSettings(arguments.Rtt, arguments.Bandwidth);
        string file = ProcessSeries.PrepareFile(arguments, arguments.Size);
        (Contender library, Contender loop) = Contender.Pair(arguments);
        using StreamWriter? csv = ProcessSeries.OpenCsv(arguments.Output);
        ProcessSeries series;
        await using (SinkSession sink = await SinkSession.StartAsync(link))
        {
            series = await ProcessSeries.RunAsync("process", sink, file, [loop, library], arguments.Repeats, arguments.Warmup, csv);
        }

        var report = new StringBuilder();
        report.AppendLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Whole process: {BenchmarkArguments.FormatSize(arguments.Size)} file in the page cache, {library.Settings.Trim()}, {link}, {arguments.Repeats} runs of each, alternating; median [min..max]."));
        report.AppendLine();
        report.Append(series.CompareMarkdown(library, loop, arguments.Size));
        Console.WriteLine(report);
        if (arguments.Output is { } output)
        {
            await File.WriteAllTextAsync(output, report.ToString());
        }

        return 0;
    }
}
