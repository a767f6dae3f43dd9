using System.Globalization;

namespace Oss.ResumableUpload.Cli;

/// <summary>Formats one progress line to fit a width, dropping the least useful pieces first.</summary>
internal static class ProgressLine
{
    /// <summary>The line: percent, a bar filling the space left, bytes, rate, ETA and parts, never longer than <paramref name="width"/>.</summary>
    public static string Format(UploadProgress value, double? bytesPerSecond, int width)
    {
        double fraction = value.TotalBytesExpected == 0 ? 1 : Math.Clamp((double)value.TotalBytesSent / value.TotalBytesExpected, 0, 1);
        string percent = string.Create(CultureInfo.InvariantCulture, $"{fraction * 100,5:0.0}%");
        string bytes = $"{ByteSize.Format(value.TotalBytesSent)} / {ByteSize.Format(value.TotalBytesExpected)}";
        string rate = bytesPerSecond is double r ? ByteSize.Format(r) + "/s" : "--/s";
        string eta = "ETA " + (bytesPerSecond is > 0 && fraction < 1 ? FormatTime(TimeSpan.FromSeconds((value.TotalBytesExpected - value.TotalBytesSent) / bytesPerSecond.Value)) : "--:--");
        string parts = string.Create(CultureInfo.InvariantCulture, $"parts {value.PartsCompleted}/{value.TotalParts}");

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

    public static string FormatTime(TimeSpan time)
        => time.TotalHours >= 1 ? time.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : time.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
}
