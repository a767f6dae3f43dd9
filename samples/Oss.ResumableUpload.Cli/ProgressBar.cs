using System.Diagnostics;
using System.Globalization;

namespace Oss.ResumableUpload.Cli;

/// <summary>
/// Renders <see cref="UploadProgress"/> as a one-line bar (percent, bytes, MB/s, ETA, parts). On a terminal it
/// redraws in place; when output is redirected it prints a line every 10%.
/// </summary>
internal sealed class ProgressBar : IProgress<UploadProgress>
{
    private const int Width = 30;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _interactive = !Console.IsOutputRedirected;
    private readonly object _gate = new();
    private long _startBytes = -1;
    private int _lastDecile = -1;
    private int _lastWidth;

    public UploadProgress Last { get; private set; }

    public void Report(UploadProgress value)
    {
        lock (_gate)
        {
            Last = value;
            if (_startBytes < 0)
            {
                _startBytes = value.TotalBytesSent;
            }

            double fraction = value.TotalBytesExpected == 0 ? 1 : (double)value.TotalBytesSent / value.TotalBytesExpected;
            double seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
            double rate = (value.TotalBytesSent - _startBytes) / seconds;
            string eta = rate > 0 && fraction < 1 ? FormatTime(TimeSpan.FromSeconds((value.TotalBytesExpected - value.TotalBytesSent) / rate)) : "--:--";
            int filled = (int)Math.Round(fraction * Width);
            string line = string.Create(
                CultureInfo.InvariantCulture,
                $"[{new string('#', filled)}{new string('.', Width - filled)}] {fraction * 100,5:0.0}%  {ByteSize.Format(value.TotalBytesSent)} / {ByteSize.Format(value.TotalBytesExpected)}  {rate / 1_000_000,7:0.0} MB/s  ETA {eta}  parts {value.PartsCompleted}/{value.TotalParts}");

            if (_interactive)
            {
                Console.Write("\r" + line.PadRight(_lastWidth));
                _lastWidth = line.Length;
            }
            else
            {
                int decile = (int)(fraction * 10);
                if (decile != _lastDecile)
                {
                    _lastDecile = decile;
                    Console.WriteLine(line);
                }
            }
        }
    }

    public void Finish()
    {
        lock (_gate)
        {
            if (_interactive && _lastWidth > 0)
            {
                Console.WriteLine();
                _lastWidth = 0;
            }
        }
    }

    private static string FormatTime(TimeSpan time)
        => time.TotalHours >= 1 ? time.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : time.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
}
