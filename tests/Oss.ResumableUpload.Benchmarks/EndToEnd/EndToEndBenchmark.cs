using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Oss.ResumableUpload.Benchmarks.EndToEnd;

/// <summary>
/// The engine against the bare loop, end to end over loopback to an OssTestServer (discard mode) in its own
/// process. Each upload runs in a fresh client process so that its CPU time, peak working set and allocations
/// are its own. The two modes alternate, repeated, and the report gives median, min and max.
/// </summary>
internal static class EndToEndBenchmark
{
    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        Comparison comparison = await CompareAsync(arguments);
        string report = comparison.ToMarkdown();
        Console.WriteLine(report);
        if (arguments.Output is { } output)
        {
            await File.WriteAllTextAsync(output, report);
        }

        return 0;
    }

    public static async Task<Comparison> CompareAsync(BenchmarkArguments arguments)
    {
        string file = BenchmarkFile.Ensure(arguments.Size);
        using Process server = ChildProcess.Start("server", "--port", "0");
        try
        {
            string endpoint = (await ChildProcess.ReadTaggedLineAsync(server, "ENDPOINT ")).Trim();
            RunMetrics idle = await RunClientAsync(arguments with { Mode = "idle" }, endpoint, file);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  idle client process: {idle.PeakWorkingSetMiB:0.0} MiB peak working set"));
            var runs = new List<RunMetrics>();
            for (int repeat = 0; repeat < arguments.Repeats; repeat++)
            {
                string[] order = repeat % 2 == 0 ? ["loop", "engine"] : ["engine", "loop"];
                foreach (string mode in order)
                {
                    RunMetrics run = await RunClientAsync(arguments with { Mode = mode }, endpoint, file);
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {mode,-6} #{repeat + 1}: {run.MegabytesPerSecond,8:0.0} MB/s  {run.CpuSecondsPerGiB,6:0.000} CPU-s/GiB  {run.PeakWorkingSetMiB,7:0.0} MiB peak  {run.AllocatedMiBPerGiB,8:0.00} MiB alloc/GiB"));
                    runs.Add(run);
                }
            }

            return new Comparison(arguments, runs.Where(r => r.Mode == "engine").ToList(), runs.Where(r => r.Mode == "loop").ToList(), idle.PeakWorkingSetMiB);
        }
        finally
        {
            server.StandardInput.Close();
            if (!server.WaitForExit(10_000))
            {
                server.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<RunMetrics> RunClientAsync(BenchmarkArguments arguments, string endpoint, string file)
    {
        using Process client = ChildProcess.Start(
            "client", "--mode", arguments.Mode, "--endpoint", endpoint, "--file", file,
            "--part-size", arguments.PartSize.ToString(CultureInfo.InvariantCulture),
            "--concurrency", arguments.Concurrency.ToString(CultureInfo.InvariantCulture));
        string json = await ChildProcess.ReadTaggedLineAsync(client, "RESULT ");
        await client.WaitForExitAsync();
        return RunMetrics.FromJson(json);
    }

    /// <summary>The engine's and the loop's runs for one configuration.</summary>
    internal sealed record Comparison(BenchmarkArguments Arguments, IReadOnlyList<RunMetrics> Engine, IReadOnlyList<RunMetrics> Loop, double IdlePeakWorkingSetMiB)
    {
        public static double Median(IEnumerable<double> values)
        {
            double[] sorted = values.Order().ToArray();
            return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        public string ToMarkdown()
        {
            var sb = new StringBuilder();
            sb.AppendLine(CultureInfo.InvariantCulture, $"End-to-end: {BenchmarkArguments.FormatSize(Arguments.Size)} file, {BenchmarkArguments.FormatSize(Arguments.PartSize)} parts, concurrency {Arguments.Concurrency}, {Engine.Count} runs each (median [min..max]).");
            sb.AppendLine();
            sb.AppendLine("| metric | engine | bare loop | engine / loop |");
            sb.AppendLine("|---|---|---|---|");
            Row(sb, "throughput (MB/s)", r => r.MegabytesPerSecond, "0.0");
            Row(sb, "client CPU-seconds per GiB", r => r.CpuSecondsPerGiB, "0.000");
            Row(sb, "peak working set (MiB)", r => r.PeakWorkingSetMiB, "0.0");
            Row(sb, "managed allocations (MiB per GiB)", r => r.AllocatedMiBPerGiB, "0.00");
            sb.AppendLine();
            double budget = 64 + (Arguments.Concurrency * Arguments.PartSize / (double)(1 << 20));
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Peak working set budget 64 MiB + {Arguments.Concurrency} x {BenchmarkArguments.FormatSize(Arguments.PartSize)} = {budget:0} MiB; an idle client process (runtime + one request) peaks at {IdlePeakWorkingSetMiB:0.0} MiB."));
            return sb.ToString();
        }

        public double Ratio(Func<RunMetrics, double> metric) => Median(Engine.Select(metric)) / Median(Loop.Select(metric));

        private void Row(StringBuilder sb, string name, Func<RunMetrics, double> metric, string format)
        {
            string Cell(IReadOnlyList<RunMetrics> runs) => string.Create(
                CultureInfo.InvariantCulture,
                $"{Median(runs.Select(metric)).ToString(format, CultureInfo.InvariantCulture)} [{runs.Min(metric).ToString(format, CultureInfo.InvariantCulture)}..{runs.Max(metric).ToString(format, CultureInfo.InvariantCulture)}]");
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Cell(Engine)} | {Cell(Loop)} | {Ratio(metric).ToString("0.00", CultureInfo.InvariantCulture)} |");
        }
    }
}
