using System.Globalization;

namespace Oss.ResumableUpload.Benchmarks;

/// <summary>The options every benchmark command understands.</summary>
internal sealed record BenchmarkArguments
{
    public long Size { get; init; } = 2L << 30;

    public long PartSize { get; init; } = 8L << 20;

    public int Concurrency { get; init; } = 4;

    public int Repeats { get; init; } = 3;

    public string Mode { get; init; } = "engine";

    public string? Endpoint { get; init; }

    public string? File { get; init; }

    public int Port { get; init; }

    public string? Output { get; init; }

    /// <summary>True when --part-size was given; the <c>process</c> commands otherwise use the library's default.</summary>
    public bool PartSizeGiven { get; init; }

    /// <summary>True when --concurrency was given; the <c>process</c> commands otherwise use the library's default.</summary>
    public bool ConcurrencyGiven { get; init; }

    /// <summary>Emulated round-trip time (--rtt 30ms) for the <c>process</c> commands; zero: plain loopback.</summary>
    public TimeSpan Rtt { get; init; }

    /// <summary>Emulated shared bandwidth cap (--bandwidth 1Gbit) in bytes per second; zero: none.</summary>
    public long Bandwidth { get; init; }

    /// <summary>Unmeasured runs of each contender before the measured ones (--warmup), to bring the runtime's files into the page cache.</summary>
    public int Warmup { get; init; } = 1;

    /// <summary>A list of sizes (--sizes 256MiB,1GiB): file sizes for process-ws, part sizes for far-link.</summary>
    public IReadOnlyList<long>? Sizes { get; init; }

    /// <summary>A list of concurrencies (--concurrencies 4,8,16) for far-link.</summary>
    public IReadOnlyList<int>? Concurrencies { get; init; }

    /// <summary>Where the benchmark files go (--dir); default the temp directory.</summary>
    public string? Directory { get; init; }

    /// <summary>How many files the <c>directory</c> command's tree holds (--files); default 10,000.</summary>
    public int Files { get; init; } = 10_000;

    /// <summary>Which tree the <c>directory</c> command uploads (--tree): <c>small</c> (default, <see cref="Files"/> small files) or <c>large</c>.</summary>
    public string Tree { get; init; } = "small";

    /// <summary>How many large files the <c>directory --tree large</c> tree holds (--large-files); default 3.</summary>
    public int LargeFiles { get; init; } = 3;

    /// <summary>The size of each large file of <c>directory --tree large</c> (--large-size); default 1 GiB.</summary>
    public long LargeSize { get; init; } = 1L << 30;

    /// <summary>How many small files (4–64 KiB) <c>directory --tree large</c> adds (--small-files); default 100.</summary>
    public int SmallFiles { get; init; } = 100;

    public static BenchmarkArguments Parse(string[] args)
    {
        var result = new BenchmarkArguments();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            result = name switch
            {
                "--size" => result with { Size = ParseSize(value) },
                "--part-size" => result with { PartSize = ParseSize(value), PartSizeGiven = true },
                "--concurrency" => result with { Concurrency = int.Parse(value, CultureInfo.InvariantCulture), ConcurrencyGiven = true },
                "--rtt" => result with { Rtt = WholeProcess.LinkSettings.ParseDuration(value) },
                "--bandwidth" => result with { Bandwidth = WholeProcess.LinkSettings.ParseBandwidth(value) },
                "--warmup" => result with { Warmup = int.Parse(value, CultureInfo.InvariantCulture) },
                "--sizes" => result with { Sizes = value.Split(',').Select(ParseSize).ToArray() },
                "--concurrencies" => result with { Concurrencies = value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray() },
                "--files" => result with { Files = int.Parse(value, CultureInfo.InvariantCulture) },
                "--tree" => result with { Tree = value is "small" or "large" ? value : throw new ArgumentException("--tree is small or large") },
                "--large-files" => result with { LargeFiles = int.Parse(value, CultureInfo.InvariantCulture) },
                "--large-size" => result with { LargeSize = ParseSize(value) },
                "--small-files" => result with { SmallFiles = int.Parse(value, CultureInfo.InvariantCulture) },
                "--dir" => result with { Directory = value },
                "--repeats" => result with { Repeats = int.Parse(value, CultureInfo.InvariantCulture) },
                "--mode" => result with { Mode = value },
                "--endpoint" => result with { Endpoint = value },
                "--file" => result with { File = value },
                "--port" => result with { Port = int.Parse(value, CultureInfo.InvariantCulture) },
                "--output" => result with { Output = value },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }

        return result;
    }

    public static long ParseSize(string text)
    {
        foreach ((string suffix, long factor) in new[] { ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10), ("B", 1L) })
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return (long)(double.Parse(text[..^suffix.Length], CultureInfo.InvariantCulture) * factor);
            }
        }

        return long.Parse(text, CultureInfo.InvariantCulture);
    }

    public static string FormatSize(long bytes)
        => bytes >= 1L << 30 && bytes % (1L << 30) == 0 ? $"{bytes >> 30}GiB"
            : bytes >= 1L << 20 && bytes % (1L << 20) == 0 ? $"{bytes >> 20}MiB"
            : bytes.ToString(CultureInfo.InvariantCulture);
}
