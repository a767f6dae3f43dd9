using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Oss.ResumableUpload.Benchmarks.WholeProcess;

/// <summary>
/// <c>far-link</c>: uploads through the <see cref="LinkEmulator"/> (default RTT 30 ms, 1 Gbit/s), reported as link
/// utilization = throughput of the upload call ÷ the bandwidth cap. First the emulator's own capacity (the bare loop
/// with 8 MiB parts at concurrency 32, far more in flight than the link's bandwidth-delay product), then the loop and
/// the library with the defaults (adaptive concurrency on) and with adaptive concurrency off, then the library over
/// a grid of fixed settings, adaptive off (<c>--concurrencies</c>, <c>--sizes</c> for part sizes). Each row shows the
/// most parts the child had in flight at once.
/// </summary>
internal static class FarLinkBenchmark
{
    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        Contender.CheckDefaults();
        var link = new LinkSettings(
            arguments.Rtt > TimeSpan.Zero ? arguments.Rtt : TimeSpan.FromMilliseconds(30),
            arguments.Bandwidth > 0 ? arguments.Bandwidth : LinkSettings.ParseBandwidth("1Gbit"));
        IReadOnlyList<int> concurrencies = arguments.Concurrencies ?? [4, 8, 16];
        IReadOnlyList<long> partSizes = arguments.Sizes ?? [1L << 20, 4L << 20, 8L << 20];
        string file = ProcessSeries.PrepareFile(arguments, arguments.Size);
        using StreamWriter? csv = ProcessSeries.OpenCsv(arguments.Output);
        var check = new Contender("loop", 8L << 20, 32);
        (Contender library, Contender loop) = (new Contender("library", null, null), new Contender("loop", null, null));
        var fixedDefaults = new Contender("library", null, null, Adaptive: false);
        var grid = concurrencies.SelectMany(c => partSizes.Select(p => new Contender("library", p, c, Adaptive: false))).ToList();
        var rows = new List<(Contender Contender, ProcessSeries Series, double DriverCpu)>();
        await using (SinkSession sink = await SinkSession.StartAsync(link))
        {
            async Task Measure(string scenario, IReadOnlyList<Contender> contenders)
            {
                TimeSpan driver0 = Process.GetCurrentProcess().TotalProcessorTime;
                ProcessSeries series = await ProcessSeries.RunAsync(scenario, sink, file, contenders, arguments.Repeats, arguments.Warmup, csv);
                double driverCpu = (Process.GetCurrentProcess().TotalProcessorTime - driver0).TotalSeconds / Math.Max(1, contenders.Count * (arguments.Repeats + arguments.Warmup));
                rows.AddRange(contenders.Select(c => (c, series, driverCpu)));
            }

            await Measure("emulator-check", [check]);
            await Measure("far-defaults", [loop, library, fixedDefaults]);
            foreach (Contender contender in grid)
            {
                await Measure("far-grid", [contender]);
            }
        }

        double capMegabytes = link.BytesPerSecond / 1e6;
        double bdpMiB = link.Rtt.TotalSeconds * link.BytesPerSecond / (1 << 20);
        var report = new StringBuilder();
        report.AppendLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Far link, emulated in user space: {link} ({capMegabytes:0.0} MB/s of payload; bandwidth-delay product {bdpMiB:0.00} MiB). {BenchmarkArguments.FormatSize(arguments.Size)} file, {arguments.Repeats} runs each; median [min..max]. Utilization = throughput of the upload call ÷ the cap."));
        report.AppendLine();
        report.AppendLine("| uploader (part size x concurrency) | peak parts in flight | in flight at peak (MiB) | upload call MB/s | link utilization | spawn to exit MB/s | client CPU-s/GiB | emulator CPU-s per run |");
        report.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach ((Contender contender, ProcessSeries series, double driverCpu) in rows)
        {
            long partSize = contender.PartSize ?? BareLoopUpload.DefaultPartSize;
            double peak = series.Median(contender, r => r.Child.PeakConcurrency);
            double utilization = series.Median(contender, r => r.UploadMegabytesPerSecond) / capMegabytes;
            string label = contender == check ? "bare loop (8MiB x 32), emulator check" : contender.Label;
            report.AppendLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {label} | {series.Cell(contender, r => r.Child.PeakConcurrency, "0")} | {peak * partSize / (double)(1 << 20):0} | {series.Cell(contender, r => r.UploadMegabytesPerSecond, "0.0")} | {utilization * 100:0}% | {series.Cell(contender, r => r.MegabytesPerSecond, "0.0")} | {series.Cell(contender, r => r.CpuSecondsPerGiB, "0.000")} | {driverCpu:0.00} |"));
        }

        Console.WriteLine(report);
        if (arguments.Output is { } output)
        {
            await File.WriteAllTextAsync(output, report.ToString());
        }

        return 0;
    }
}
