using System.Globalization;
using Oss.ResumableUpload.Benchmarks.WholeProcess;

namespace Oss.ResumableUpload.Benchmarks.Charts;

/// <summary>
/// The runs of one configuration (file size, part size × concurrency, link), split by contender: one row of bars.
/// <see cref="Section"/> names what the rows under one heading share: the link and the file size.
/// </summary>
internal sealed record BarGroup(string Section, string Label, LinkSettings Link, IReadOnlyList<RunRecord> Library, IReadOnlyList<RunRecord> Loop)
{
    /// <summary>The mode column's values for the two contenders.</summary>
    public const string LibraryMode = "library";

    public const string LoopMode = "loop";

    public bool HasBandwidthCap => Link.BytesPerSecond > 0;

    public Summary? Summarize(bool library, Func<RunRecord, double> metric) => Summary.Of((library ? Library : Loop).Select(metric));

    /// <summary>
    /// Groups runs by configuration, in the order each first appears; rows of other modes are left out (the
    /// caller can compare counts). Runs of one configuration from several files or scenarios are pooled.
    /// </summary>
    public static IReadOnlyList<BarGroup> From(IEnumerable<RunRecord> records)
    {
        var order = new List<(long Bytes, long PartSize, int Concurrency, double Rtt, long Bandwidth, bool AdaptiveOff)>();
        var runs = new Dictionary<(long, long, int, double, long, bool), List<RunRecord>>();
        foreach (RunRecord record in records.Where(r => r.Mode is LibraryMode or LoopMode))
        {
            // The bare loop has no adaptive concurrency: its runs go with the library's default (on).
            var key = (record.Bytes, record.PartSize, record.Concurrency, record.RttMilliseconds, record.BandwidthBytesPerSecond, record.Mode == LibraryMode && record.AdaptiveOff);
            if (!runs.TryGetValue(key, out List<RunRecord>? list))
            {
                runs.Add(key, list = []);
                order.Add(key);
            }

            list.Add(record);
        }

        return order.Select(key =>
        {
            List<RunRecord> list = runs[key];
            var link = new LinkSettings(TimeSpan.FromMilliseconds(key.Rtt), key.Bandwidth);
            string section = string.Create(CultureInfo.InvariantCulture, $"{FormatLink(link)} · {FormatBytes(key.Bytes)} file");
            string label = string.Create(CultureInfo.InvariantCulture, $"{FormatBytes(key.PartSize)} × {key.Concurrency}");
            if (key.PartSize == BareLoopUpload.DefaultPartSize && key.Concurrency == BareLoopUpload.DefaultConcurrency)
            {
                label += " (defaults)";
            }

            if (key.AdaptiveOff)
            {
                label += ", adaptive off";
            }

            if (list.Any(r => r.Scenario == "emulator-check"))
            {
                label += " (emulator check)";
            }

            return new BarGroup(section, label, link, list.Where(r => r.Mode == LibraryMode).ToArray(), list.Where(r => r.Mode == LoopMode).ToArray());
        }).ToArray();
    }

    /// <summary>"Loopback", "RTT 30 ms, 1 Gbit/s", "RTT 100 ms, 100 Mbit/s", "RTT 30 ms, no cap".</summary>
    public static string FormatLink(LinkSettings link)
    {
        if (!link.IsEmulated)
        {
            return "Loopback";
        }

        double bits = link.BytesPerSecond * 8.0;
        string cap = link.BytesPerSecond <= 0 ? "no cap"
            : bits >= 1e9 ? string.Create(CultureInfo.InvariantCulture, $"{bits / 1e9:0.##} Gbit/s")
            : string.Create(CultureInfo.InvariantCulture, $"{bits / 1e6:0.##} Mbit/s");
        return string.Create(CultureInfo.InvariantCulture, $"RTT {link.Rtt.TotalMilliseconds:0.#} ms, {cap}");
    }

    /// <summary>"1 MiB", "64 MiB", "1.5 GiB", "700 KiB": binary units, at most one decimal.</summary>
    public static string FormatBytes(long bytes)
    {
        (double value, string unit) = bytes >= 1L << 30 ? (bytes / (double)(1L << 30), "GiB")
            : bytes >= 1L << 20 ? (bytes / (double)(1L << 20), "MiB")
            : bytes >= 1L << 10 ? (bytes / (double)(1L << 10), "KiB")
            : (bytes, "B");
        return string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {unit}");
    }
}
