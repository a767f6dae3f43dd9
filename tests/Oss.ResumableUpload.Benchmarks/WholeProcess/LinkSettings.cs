using System.Globalization;

namespace Oss.ResumableUpload.Benchmarks.WholeProcess;

/// <summary>An emulated link: round-trip time and a bandwidth cap in bytes per second (0 = none).</summary>
internal readonly record struct LinkSettings(TimeSpan Rtt, long BytesPerSecond)
{
    public bool IsEmulated => Rtt > TimeSpan.Zero || BytesPerSecond > 0;

    /// <summary>"30ms", "0.1s", "100ms".</summary>
    public static TimeSpan ParseDuration(string text)
        => text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? TimeSpan.FromMilliseconds(double.Parse(text[..^2], CultureInfo.InvariantCulture))
            : text.EndsWith('s') ? TimeSpan.FromSeconds(double.Parse(text[..^1], CultureInfo.InvariantCulture))
            : TimeSpan.FromMilliseconds(double.Parse(text, CultureInfo.InvariantCulture));

    /// <summary>"1Gbit", "100Mbit", "500MB" (bytes), as bytes per second; decimal prefixes, as links are sold.</summary>
    public static long ParseBandwidth(string text)
    {
        foreach ((string suffix, double factor) in new[] { ("Gbit", 1e9 / 8), ("Mbit", 1e6 / 8), ("kbit", 1e3 / 8), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3) })
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return (long)(double.Parse(text[..^suffix.Length], CultureInfo.InvariantCulture) * factor);
            }
        }

        return long.Parse(text, CultureInfo.InvariantCulture);
    }

    public override string ToString() => !IsEmulated ? "loopback, no emulation"
        : string.Create(CultureInfo.InvariantCulture, $"RTT {Rtt.TotalMilliseconds:0.#} ms, {(BytesPerSecond > 0 ? $"{BytesPerSecond * 8 / 1e6:0.#} Mbit/s" : "no bandwidth cap")}");
}
