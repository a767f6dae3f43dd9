using System.Globalization;
using System.Text;
using Oss.ResumableUpload.Benchmarks.EndToEnd;

namespace Oss.ResumableUpload.Benchmarks.WholeProcess;

/// <summary>
/// Runs contenders against one sink as fresh processes, one at a time, alternating (A B, B A, A B, …) so that drift
/// in the machine's load touches all of them alike, after <c>warmup</c> unmeasured rounds; and summarises the runs.
/// </summary>
internal sealed class ProcessSeries(string scenario, IReadOnlyList<Contender> contenders, IReadOnlyDictionary<Contender, List<ProcessRun>> runs)
{
    public string Scenario => scenario;

    public IReadOnlyList<Contender> Contenders => contenders;

    public IReadOnlyList<ProcessRun> this[Contender contender] => runs[contender];

    public static async Task<ProcessSeries> RunAsync(string scenario, SinkSession sink, string file, IReadOnlyList<Contender> contenders, int repeats, int warmup, TextWriter? csv)
    {
        var results = contenders.ToDictionary(c => c, _ => new List<ProcessRun>());
        for (int round = -warmup; round < repeats; round++)
        {
            IEnumerable<Contender> order = (round & 1) == 0 ? contenders : contenders.Reverse();
            foreach (Contender contender in order)
            {
                ProcessRun run = await ProcessRun.RunAsync(contender.Mode, sink.Endpoint, file, contender.PartSize, contender.Concurrency, contender.Adaptive);
                string tag = round < 0 ? "warm-up" : $"#{round + 1}";
                Console.Error.WriteLine($"  {scenario} {contender.Label} {tag}: {run.Describe()}");
                if (round >= 0)
                {
                    results[contender].Add(run);
                    csv?.WriteLine(run.ToCsv(scenario, round + 1, sink.Link));
                }
            }
        }

        csv?.Flush();
        return new ProcessSeries(scenario, contenders, results);
    }

    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public double Median(Contender contender, Func<ProcessRun, double> metric) => Median(runs[contender].Select(metric));

    /// <summary>"median [min..max]".</summary>
    public string Cell(Contender contender, Func<ProcessRun, double> metric, string format)
    {
        List<ProcessRun> list = runs[contender];
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Median(contender, metric).ToString(format, CultureInfo.InvariantCulture)} [{list.Min(metric).ToString(format, CultureInfo.InvariantCulture)}..{list.Max(metric).ToString(format, CultureInfo.InvariantCulture)}]");
    }

    /// <summary>The library against the loop: every metric as median [min..max], and library ÷ loop of the medians.</summary>
    public string CompareMarkdown(Contender library, Contender loop, long bytes)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"| {BenchmarkArguments.FormatSize(bytes)}, whole process | {library.Label} | {loop.Label} | library ÷ loop |");
        sb.AppendLine("|---|---|---|---|");
        void Row(string name, Func<ProcessRun, double> metric, string format)
            => sb.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Cell(library, metric, format)} | {Cell(loop, metric, format)} | {(Median(library, metric) / Median(loop, metric)).ToString("0.00", CultureInfo.InvariantCulture)} |");
        Row("throughput, spawn to exit (MB/s)", r => r.MegabytesPerSecond, "0.0");
        Row("wall time, spawn to exit (s)", r => r.WallSeconds, "0.000");
        Row("throughput of the upload call (MB/s)", r => r.UploadMegabytesPerSecond, "0.0");
        Row("client CPU (s, user + sys)", r => r.CpuSeconds, "0.000");
        Row("client CPU per GiB (s)", r => r.CpuSecondsPerGiB, "0.000");
        Row("peak working set (MiB, VmHWM)", r => r.PeakWorkingSetMiB, "0.0");
        Row("methods jitted", r => r.Child.JitCompiledMethods, "0");
        Row("time in the JIT (ms)", r => r.Child.JitSeconds * 1000, "0");
        Row("managed allocations (MiB)", r => r.Child.AllocatedBytes / (double)(1 << 20), "0.0");
        Row("peak parts in flight", r => r.Child.PeakConcurrency, "0");
        sb.AppendLine();
        double cpuDifference = Median(library, r => r.CpuSeconds) - Median(loop, r => r.CpuSeconds);
        long partSize = runs[library].FirstOrDefault()?.PartSize ?? BareLoopUpload.DefaultPartSize;
        // The most parts the library really had in flight (adaptive concurrency may raise the requested count).
        int concurrency = runs[library].Select(r => r.Child.PeakConcurrency).DefaultIfEmpty(BareLoopUpload.DefaultConcurrency).Max();
        double budget = 64 + (concurrency * partSize / (double)(1 << 20));
        sb.AppendLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Library CPU − loop CPU (medians): {cpuDifference:+0.000;-0.000} CPU-s. Working-set budget 64 MiB + {concurrency} (peak parts in flight) x {BenchmarkArguments.FormatSize(partSize)} = {budget:0} MiB; library median peak {Median(library, r => r.PeakWorkingSetMiB):0.0} MiB."));
        return sb.ToString();
    }

    /// <summary>Opens the CSV beside a Markdown output path (foo.md → foo.csv), or none.</summary>
    public static StreamWriter? OpenCsv(string? output)
    {
        if (output is null)
        {
            return null;
        }

        var writer = new StreamWriter(Path.ChangeExtension(output, ".csv"), append: false);
        writer.WriteLine(ProcessRun.CsvHeader);
        return writer;
    }

    public static string PrepareFile(BenchmarkArguments arguments, long size)
    {
        string file = BenchmarkFile.Ensure(size, arguments.Directory);
        BenchmarkFile.ReadThrough(file);
        return file;
    }
}
