using System.Globalization;
using System.Text;

namespace Oss.ResumableUpload.Benchmarks.EndToEnd;

/// <summary>
/// Runs the end-to-end comparison over concurrency 1, 2, 4, 8 (8 MiB parts) and part sizes 1, 8, 32 MiB
/// (concurrency 4), prints a table and draws throughput and CPU per GiB for the engine and the loop as an SVG.
/// </summary>
internal static class SweepBenchmark
{
    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var byConcurrency = new List<(double X, EndToEndBenchmark.Comparison Result)>();
        foreach (int concurrency in new[] { 1, 2, 4, 8 })
        {
            byConcurrency.Add((concurrency, await EndToEndBenchmark.CompareAsync(arguments with { Concurrency = concurrency, PartSize = 8L << 20 })));
        }

        var byPartSize = new List<(double X, EndToEndBenchmark.Comparison Result)>();
        foreach (long partSize in new[] { 1L << 20, 8L << 20, 32L << 20 })
        {
            byPartSize.Add((partSize >> 20, await EndToEndBenchmark.CompareAsync(arguments with { Concurrency = 4, PartSize = partSize })));
        }

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Sweep: {BenchmarkArguments.FormatSize(arguments.Size)} file, {arguments.Repeats} runs each, medians.");
        table.AppendLine();
        table.AppendLine("| concurrency | part size | engine MB/s | loop MB/s | ratio | engine CPU-s/GiB | loop CPU-s/GiB | ratio |");
        table.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach ((double _, EndToEndBenchmark.Comparison c) in byConcurrency.Concat(byPartSize))
        {
            double em = EndToEndBenchmark.Comparison.Median(c.Engine.Select(r => r.MegabytesPerSecond));
            double lm = EndToEndBenchmark.Comparison.Median(c.Loop.Select(r => r.MegabytesPerSecond));
            double ec = EndToEndBenchmark.Comparison.Median(c.Engine.Select(r => r.CpuSecondsPerGiB));
            double lc = EndToEndBenchmark.Comparison.Median(c.Loop.Select(r => r.CpuSecondsPerGiB));
            table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {c.Arguments.Concurrency} | {BenchmarkArguments.FormatSize(c.Arguments.PartSize)} | {em:0.0} | {lm:0.0} | {em / lm:0.00} | {ec:0.000} | {lc:0.000} | {ec / lc:0.00} |"));
        }

        Console.WriteLine(table);
        string svg = SvgChart.Draw(
            [
                new SvgChart.Panel("Throughput vs concurrency (8 MiB parts)", "concurrency", "MB/s", Series(byConcurrency, r => r.MegabytesPerSecond)),
                new SvgChart.Panel("CPU per GiB vs concurrency (8 MiB parts)", "concurrency", "CPU-s/GiB", Series(byConcurrency, r => r.CpuSecondsPerGiB)),
                new SvgChart.Panel("Throughput vs part size (concurrency 4)", "part size (MiB)", "MB/s", Series(byPartSize, r => r.MegabytesPerSecond)),
                new SvgChart.Panel("CPU per GiB vs part size (concurrency 4)", "part size (MiB)", "CPU-s/GiB", Series(byPartSize, r => r.CpuSecondsPerGiB)),
            ]);
        string output = arguments.Output ?? "performance-chart.svg";
        await File.WriteAllTextAsync(output, svg);
        await File.WriteAllTextAsync(Path.ChangeExtension(output, ".md"), table.ToString());
        Console.WriteLine($"Chart written to {Path.GetFullPath(output)}");
        return 0;
    }

    private static IReadOnlyList<SvgChart.Series> Series(List<(double X, EndToEndBenchmark.Comparison Result)> points, Func<RunMetrics, double> metric)
        =>
        [
            new SvgChart.Series("engine", "#1f77b4", points.Select(p => (p.X, EndToEndBenchmark.Comparison.Median(p.Result.Engine.Select(metric)))).ToList()),
            new SvgChart.Series("bare loop", "#ff7f0e", points.Select(p => (p.X, EndToEndBenchmark.Comparison.Median(p.Result.Loop.Select(metric)))).ToList()),
        ];
}
