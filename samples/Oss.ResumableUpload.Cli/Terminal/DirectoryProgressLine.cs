using System.Globalization;

namespace Oss.ResumableUpload.Cli;

/// <summary>Formats the one progress line of a directory upload to fit a width, dropping the least useful pieces first.</summary>
internal static class DirectoryProgressLine
{
    /// <summary>The line: percent of bytes, files done/total, a bar filling the space left, bytes, rate and failures, never longer than <paramref name="width"/>.</summary>
    public static string Format(DirectoryUploadProgress value, double? bytesPerSecond, int width)
    {
        double fraction = value.TotalBytesExpected <= 0
            ? (value.TotalFiles == 0 ? 1 : (double)value.FilesCompleted / value.TotalFiles)
            : Math.Clamp((double)value.TotalBytesSent / value.TotalBytesExpected, 0, 1);
        string percent = string.Create(CultureInfo.InvariantCulture, $"{fraction * 100,5:0.0}%");
        string total = value.TotalFiles.ToString(CultureInfo.InvariantCulture);
        string files = "files " + value.FilesCompleted.ToString(CultureInfo.InvariantCulture).PadLeft(total.Length) + "/" + total;
        string bytes = $"{ByteSize.Format(value.TotalBytesSent),10} / {ByteSize.Format(value.TotalBytesExpected)}";
        string rate = (bytesPerSecond is double r ? ByteSize.Format(r) + "/s" : "--/s").PadLeft(12);
        string failed = value.FilesFailed > 0 ? value.FilesFailed.ToString(CultureInfo.InvariantCulture) + " failed" : string.Empty;

        // Given up in this order when space runs out: the failure count last but one, the files count never.
        List<string> tail = [bytes, rate, failed];
        tail.RemoveAll(piece => piece.Length == 0);
        List<string> order = [rate, bytes, failed];
        string head = $"{percent} {files}";
        while (true)
        {
            string right = tail.Count == 0 ? string.Empty : "  " + string.Join("  ", tail);
            int barWidth = width - head.Length - right.Length - 3;
            if (barWidth >= 10 || (tail.Count == 0 && barWidth >= 0))
            {
                barWidth = Math.Min(barWidth, 30);
                int filled = (int)Math.Round(fraction * barWidth);
                return $"{head} [{new string('#', filled)}{new string('.', barWidth - filled)}]{right}";
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
}
