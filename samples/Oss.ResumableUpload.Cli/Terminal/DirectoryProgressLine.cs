using System.Globalization;

namespace Oss.ResumableUpload.Cli;

/// <summary>
/// Formats the one progress line of a directory upload to fit a width: percent and files done/total, a bar, bytes
/// done/total, the current rate, failures, and the files in flight, dropping the least useful pieces first.
/// </summary>
/// <remarks>
/// The files in flight are shown as their count and their file names (largest file first, the names cut with
/// <c>...</c> at the width). When space is short they are kept before the bar (the percent already says how far the
/// tree is): in 80 columns the line reads
/// <c> 40.0% files  12/100    1.2 GiB / 3.0 GiB  45.1 MiB/s  3 in flight: holiday.mkv</c>
/// (whole names while they fit, then <c>, ...</c>; a single name too long is cut). Then only their count is kept, then they go, then the
/// rate, the bytes and the failures (the files count never).
/// </remarks>
internal static class DirectoryProgressLine
{
    private const int MinBar = 10;
    private const int MaxBar = 30;
    private const int MinNames = 8;

    /// <summary>The line for <paramref name="value"/>, never longer than <paramref name="width"/>.</summary>
    public static string Format(DirectoryUploadProgress value, int width)
    {
        double fraction = value.TotalBytesExpected <= 0
            ? (value.TotalFiles == 0 ? 1 : (double)value.FilesCompleted / value.TotalFiles)
            : Math.Clamp((double)value.TotalBytesSent / value.TotalBytesExpected, 0, 1);
        string percent = string.Create(CultureInfo.InvariantCulture, $"{fraction * 100,5:0.0}%");
        string total = value.TotalFiles.ToString(CultureInfo.InvariantCulture);
        string files = "files " + value.FilesCompleted.ToString(CultureInfo.InvariantCulture).PadLeft(total.Length) + "/" + total;
        string head = $"{percent} {files}";
        string bytes = $"{ByteSize.Format(value.TotalBytesSent),9} / {ByteSize.Format(value.TotalBytesExpected)}";
        string rate = (value.BytesPerSecond > 0 ? ByteSize.Format(value.BytesPerSecond) + "/s" : "--/s").PadLeft(10);
        string failed = value.FilesFailed > 0 ? value.FilesFailed.ToString(CultureInfo.InvariantCulture) + " failed" : string.Empty;
        List<string> tail = [bytes, rate, failed];
        tail.RemoveAll(piece => piece.Length == 0);

        IReadOnlyList<string> inFlight = value.FilesInFlight;
        if (inFlight.Count > 0)
        {
            string count = inFlight.Count.ToString(CultureInfo.InvariantCulture) + " in flight";
            string[] names = [.. inFlight.Select(FileName)];
            if (TryNames(head, tail, count, names, bar: true, fraction, width) is string withBar)
            {
                return withBar;
            }

            if (TryNames(head, tail, count, names, bar: false, fraction, width) is string withoutBar)
            {
                return withoutBar;
            }

            if (TryFit(head, [.. tail, count], bar: true, fraction, width) is string countWithBar)
            {
                return countWithBar;
            }

            if (TryFit(head, [.. tail, count], bar: false, fraction, width) is string countOnly)
            {
                return countOnly;
            }
        }

        // Given up in this order when space runs out: the rate, the bytes, the failure count; the files count never.
        List<string> order = [rate, bytes, failed];
        while (true)
        {
            if (TryFit(head, tail, bar: true, fraction, width) is string line)
            {
                return line;
            }

            if (tail.Count == 0)
            {
                return head.Length <= width ? head : head[..Math.Max(0, width)];
            }

            string drop = order.First(tail.Contains);
            tail.Remove(drop);
            order.Remove(drop);
        }
    }

    /// <summary>The line with the in-flight count and as many names as fit (at least <see cref="MinNames"/> characters of them), or null.</summary>
    private static string? TryNames(string head, List<string> tail, string count, string[] names, bool bar, double fraction, int width)
    {
        string prefix = count + ": ";
        int room = width - Line(head, [.. tail, prefix], bar ? MinBar : -1, fraction).Length;
        return FitNames(names, room) is string shown ? TryFit(head, [.. tail, prefix + shown], bar, fraction, width) : null;
    }

    /// <summary>
    /// As many whole names as fit in <paramref name="room"/>, with <c>, ...</c> when some are left out; else the first
    /// name alone (the count says there are more), or cut with <c>...</c>; null when fewer than <see cref="MinNames"/> characters fit.
    /// </summary>
    private static string? FitNames(string[] names, int room)
    {
        if (room < MinNames)
        {
            return null;
        }

        for (int shown = names.Length; shown >= 1; shown--)
        {
            string text = string.Join(", ", names.Take(shown)) + (shown < names.Length ? ", ..." : string.Empty);
            if (text.Length <= room)
            {
                return text;
            }
        }

        return names[0].Length <= room ? names[0] : names[0][..(room - 3)] + "...";
    }

    /// <summary>The line with the bar as wide as fits (from <see cref="MinBar"/> to <see cref="MaxBar"/>) or without one, or null when it does not fit.</summary>
    private static string? TryFit(string head, List<string> tail, bool bar, double fraction, int width)
    {
        int withoutBar = Line(head, tail, -1, fraction).Length;
        if (!bar)
        {
            return withoutBar <= width ? Line(head, tail, -1, fraction) : null;
        }

        // The bar costs " [" + "]" and its width; an empty tail may leave it narrower than MinBar.
        int barWidth = Math.Min(width - withoutBar - 3, MaxBar);
        return barWidth >= MinBar || (tail.Count == 0 && barWidth >= 0) ? Line(head, tail, barWidth, fraction) : null;
    }

    private static string Line(string head, List<string> tail, int barWidth, double fraction)
    {
        string right = tail.Count == 0 ? string.Empty : "  " + string.Join("  ", tail);
        if (barWidth < 0)
        {
            return head + right;
        }

        int filled = (int)Math.Round(fraction * barWidth);
        return $"{head} [{new string('#', filled)}{new string('.', barWidth - filled)}]{right}";
    }

    private static string FileName(string relativePath) => relativePath[(relativePath.LastIndexOf('/') + 1)..];
}
