using System.Diagnostics;

namespace Oss.ResumableUpload.Benchmarks.WholeProcess;

/// <summary>
/// The child of the <c>process</c> benchmark: one upload in a fresh process, then a <see cref="ChildReport"/> line,
/// then exit. <c>--mode library</c> calls <see cref="OssClient.ResumableUploadAsync"/> (the library's defaults unless
/// <c>--part-size</c>, <c>--concurrency</c> or <c>--adaptive off</c> is given); <c>--mode loop</c> is the bare
/// HttpClient loop, which does not load the library at all.
/// </summary>
internal static class UploadChild
{
    public static async Task<int> RunAsync(string[] args)
    {
        long mainStart = Stopwatch.GetTimestamp();
        ChildOptions options = ChildOptions.Parse(args);
        long uploadStart = Stopwatch.GetTimestamp();
        int peakConcurrency;
        switch (options.Mode)
        {
            case "library":
                peakConcurrency = await LibraryUpload.RunAsync(options);
                break;
            case "loop":
                await BareLoopUpload.RunAsync(options);
                peakConcurrency = options.Concurrency ?? BareLoopUpload.DefaultConcurrency;
                break;
            default:
                throw new ArgumentException($"unknown mode {options.Mode}");
        }

        double upload = Stopwatch.GetElapsedTime(uploadStart).TotalSeconds;
        Console.WriteLine(ChildReport.Capture(upload, Stopwatch.GetElapsedTime(mainStart).TotalSeconds, peakConcurrency).Format());
        return 0;
    }
}

/// <summary>
/// The child's options: plain strings and numbers, so that parsing them loads nothing of the library. Adaptive is null
/// for the library's default; <c>--adaptive on|off</c> sets AdaptiveConcurrency.
/// </summary>
internal sealed record ChildOptions(string Mode, Uri Endpoint, string File, string Bucket, long? PartSize, int? Concurrency, bool? Adaptive)
{
    public static ChildOptions Parse(string[] args)
    {
        string mode = "library";
        string? endpoint = null;
        string? file = null;
        string bucket = "bench-bucket";
        long? partSize = null;
        int? concurrency = null;
        bool? adaptive = null;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            string value = args[i + 1];
            switch (args[i])
            {
                case "--mode": mode = value; break;
                case "--endpoint": endpoint = value; break;
                case "--file": file = value; break;
                case "--bucket": bucket = value; break;
                case "--part-size": partSize = BenchmarkArguments.ParseSize(value); break;
                case "--concurrency": concurrency = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "--adaptive": adaptive = value switch { "on" => true, "off" => false, _ => throw new ArgumentException($"--adaptive must be on or off, not {value}") }; break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        return new ChildOptions(
            mode,
            new Uri(endpoint ?? throw new ArgumentException("--endpoint is required")),
            file ?? throw new ArgumentException("--file is required"),
            bucket,
            partSize,
            concurrency,
            adaptive);
    }
}
