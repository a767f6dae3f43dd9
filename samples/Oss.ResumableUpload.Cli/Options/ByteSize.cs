using System.Globalization;

namespace Oss.ResumableUpload.Cli;

/// <summary>Parses and formats byte sizes: 1048576, 512KiB, 8MiB, 1GiB (KB/MB/GB are read as binary too).</summary>
internal static class ByteSize
{
    public static long? Parse(string text)
    {
        string value = text.Trim();
        long multiplier = 1;
        foreach ((string suffix, long factor) in new[] { ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10), ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10), ("G", 1L << 30), ("M", 1L << 20), ("K", 1L << 10), ("B", 1L) })
        {
            if (value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                multiplier = factor;
                value = value[..^suffix.Length];
                break;
            }
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && number >= 0
            ? (long)(number * multiplier)
            : null;
    }

    public static string Format(double bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        int unit = 0;
        while (bytes >= 1024 && unit < units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }

        return unit == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes:0} {units[unit]}") : string.Create(CultureInfo.InvariantCulture, $"{bytes:0.0} {units[unit]}");
    }
}
