using System.Diagnostics;
using System.Globalization;
using Oss.ResumableUpload.Benchmarks.EndToEnd;

namespace Oss.ResumableUpload.Benchmarks.WholeProcess;

/// <summary>One upload child, measured from outside: wall time spawn to exit, and its CPU time from getrusage.</summary>
internal sealed record ProcessRun(string Mode, long Bytes, long PartSize, int Concurrency, double WallSeconds, double UserSeconds, double SystemSeconds, ChildReport Child)
{
    private const double GiB = 1L << 30;

    public double CpuSeconds => UserSeconds + SystemSeconds;

    /// <summary>Bytes ÷ wall time spawn to exit, in MB/s (10^6 bytes).</summary>
    public double MegabytesPerSecond => Bytes / WallSeconds / 1e6;

    /// <summary>Bytes ÷ the time of the upload call inside the child, in MB/s: the transfer without process start and exit.</summary>
    public double UploadMegabytesPerSecond => Bytes / Child.UploadSeconds / 1e6;

    public double CpuSecondsPerGiB => CpuSeconds / (Bytes / GiB);

    /// <summary>Gets whether the library child ran with AdaptiveConcurrency (null: the library's default, on); the loop has none.</summary>
    public bool? Adaptive { get; init; }

    /// <summary>The CSV's <c>adaptive</c> column: <c>on</c> or <c>off</c> for the library, empty for the loop.</summary>
    public string AdaptiveColumn => Mode != "library" ? string.Empty : Adaptive == false ? "off" : "on";

    public double PeakWorkingSetMiB => Child.PeakResidentBytes / (double)(1 << 20);

    /// <summary>
    /// Starts <c>upload-child</c> and waits for it. No other child of this process may end meanwhile, or its CPU
    /// time would be counted here too (the benchmark runs one child at a time; the server child lives throughout).
    /// </summary>
    public static async Task<ProcessRun> RunAsync(string mode, string endpoint, string file, long? partSize, int? concurrency, bool? adaptive = null)
    {
        var arguments = new List<string> { "upload-child", "--mode", mode, "--endpoint", endpoint, "--file", file };
        if (partSize is long p)
        {
            arguments.AddRange(["--part-size", p.ToString(CultureInfo.InvariantCulture)]);
        }

        if (concurrency is int c)
        {
            arguments.AddRange(["--concurrency", c.ToString(CultureInfo.InvariantCulture)]);
        }

        if (adaptive is bool a)
        {
            arguments.AddRange(["--adaptive", a ? "on" : "off"]);
        }

        (double user0, double system0) = SelfUsage.ReapedChildren();
        long start = Stopwatch.GetTimestamp();
        using Process child = ChildProcess.Start([.. arguments]);
        child.StandardInput.Close();
        string? report = null;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(ChildReport.Prefix, StringComparison.Ordinal))
            {
                report = line[ChildReport.Prefix.Length..];
            }
        }

        await child.WaitForExitAsync();
        double wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        (double user1, double system1) = SelfUsage.ReapedChildren();
        if (child.ExitCode != 0 || report is null)
        {
            throw new InvalidOperationException($"the {mode} child failed with exit code {child.ExitCode}");
        }

        ChildReport parsed = ChildReport.Parse(report);
        long bytes = new FileInfo(file).Length;
        var run = new ProcessRun(
            mode,
            bytes,
            partSize ?? BareLoopUpload.DefaultPartSize,
            concurrency ?? BareLoopUpload.DefaultConcurrency,
            wall,
            user1 - user0,
            system1 - system0,
            parsed)
        {
            Adaptive = adaptive,
        };
        if (run.CpuSeconds + 0.005 < parsed.SelfCpuSeconds)
        {
            throw new InvalidOperationException($"getrusage(RUSAGE_CHILDREN) grew by {run.CpuSeconds:0.000} s, less than the {parsed.SelfCpuSeconds:0.000} s the child reported: the child was not reaped, or another child ended meanwhile");
        }

        if (mode == "loop" && parsed.LibraryLoaded)
        {
            throw new InvalidOperationException("the bare loop child loaded the library assembly");
        }

        return run;
    }

    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Mode,-7} {WallSeconds,7:0.000} s wall {MegabytesPerSecond,7:0.0} MB/s ({UploadMegabytesPerSecond,7:0.0} in the upload call)  {CpuSeconds,6:0.000} CPU-s ({CpuSecondsPerGiB,6:0.000}/GiB, child saw {Child.SelfCpuSeconds:0.000})  {PeakWorkingSetMiB,6:0.0} MiB peak  {Child.JitCompiledMethods,5} jitted in {Child.JitSeconds * 1000,5:0} ms  peak {Child.PeakConcurrency} in flight");

    public static string CsvHeader => "scenario,mode,repeat,bytes,part_size,concurrency,rtt_ms,bandwidth_bytes_per_s,wall_s,upload_s,cpu_user_s,cpu_sys_s,child_self_cpu_s,peak_rss_bytes,jit_methods,jit_s,allocated_bytes,gen0,gen2,peak_concurrency,adaptive";

    public string ToCsv(string scenario, int repeat, LinkSettings link) => string.Create(
        CultureInfo.InvariantCulture,
        $"{scenario},{Mode},{repeat},{Bytes},{PartSize},{Concurrency},{link.Rtt.TotalMilliseconds},{link.BytesPerSecond},{WallSeconds:R},{Child.UploadSeconds:R},{UserSeconds:R},{SystemSeconds:R},{Child.SelfCpuSeconds:R},{Child.PeakResidentBytes},{Child.JitCompiledMethods},{Child.JitSeconds:R},{Child.AllocatedBytes},{Child.Gen0Collections},{Child.Gen2Collections},{Child.PeakConcurrency},{AdaptiveColumn}");
}
