using System.Globalization;

namespace Oss.ResumableUpload.Cli;

/// <summary>Formats one progress line to fit a width, dropping the least useful pieces first.</summary>
internal static class ProgressLine
{
    /// <summary>The line: percent, a bar filling the space left, bytes, rate, ETA and parts, never longer than <paramref name="width"/>.</summary>
    public static string Format(UploadProgress value, double? bytesPerSecond, int width)
    {
        if (value.TotalBytesExpected < 0)
        {
            return FormatUnknownTotal(value, bytesPerSecond, width);
        }

        double fraction = value.TotalBytesExpected == 0 ? 1 : Math.Clamp((double)value.TotalBytesSent / value.TotalBytesExpected, 0, 1);
        string percent = string.Create(CultureInfo.InvariantCulture, $"{fraction * 100,5:0.0}%");
        // Fixed widths, so that the bar does not jump as the numbers change.
        string bytes = $"{ByteSize.Format(value.TotalBytesSent),10} / {ByteSize.Format(value.TotalBytesExpected)}";
        string rate = (bytesPerSecond is double r ? ByteSize.Format(r) + "/s" : "--/s").PadLeft(12);
        double seconds = bytesPerSecond is > 0 && fraction < 1 ? (value.TotalBytesExpected - value.TotalBytesSent) / bytesPerSecond.Value : double.NaN;
        string eta = "ETA " + (seconds is >= 0 and < 100 * 3600 ? FormatTime(TimeSpan.FromSeconds(seconds)) : "--:--").PadRight(7);
        string total = value.TotalParts.ToString(CultureInfo.InvariantCulture);
        string parts = "parts " + value.PartsCompleted.ToString(CultureInfo.InvariantCulture).PadLeft(total.Length) + "/" + total;

        // Pieces in the order they are given up when space runs out: parts first, the percent never.
        List<string> tail = [bytes, rate, eta, parts];
        while (true)
        {
            string right = tail.Count == 0 ? string.Empty : "  " + string.Join("  ", tail);
            int barWidth = width - percent.Length - right.Length - 3;
            if (barWidth >= 10 || (tail.Count == 0 && barWidth >= 0))
            {
                barWidth = Math.Min(barWidth, 40);
                int filled = (int)Math.Round(fraction * barWidth);
                return $"{percent} [{new string('#', filled)}{new string('.', barWidth - filled)}]{right}";
            }

            if (tail.Count == 0)
            {
                return percent.Length <= width ? percent : percent[..Math.Max(0, width)];
            }

            tail.RemoveAt(tail.Count - 1);
        }
    }

    /// <summary>The line of a stream whose length is not known yet: bytes sent, rate and parts, no percent, bar or ETA.</summary>
    public static string FormatUnknownTotal(UploadProgress value, double? bytesPerSecond, int width)
    {
        string bytes = $"{ByteSize.Format(value.TotalBytesSent),10} sent";
        string rate = (bytesPerSecond is double r ? ByteSize.Format(r) + "/s" : "--/s").PadLeft(12);
        string parts = "parts " + value.PartsCompleted.ToString(CultureInfo.InvariantCulture);
        string line = $"{bytes}  {rate}  {parts}";
        if (line.Length > width)
        {
            line = $"{bytes}  {rate}";
        }

        return line.Length <= width ? line : line[..Math.Max(0, width)];
    }

    public static string FormatTime(TimeSpan time)
        => time.TotalHours >= 1 ? time.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : time.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
}
