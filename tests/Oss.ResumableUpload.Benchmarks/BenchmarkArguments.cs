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
                "--part-size" => result with { PartSize = ParseSize(value) },
                "--concurrency" => result with { Concurrency = int.Parse(value, CultureInfo.InvariantCulture) },
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
