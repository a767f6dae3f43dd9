namespace Oss.ResumableUpload.Cli;

/// <summary>
/// Shows <see cref="UploadProgress"/>. On a terminal: one line redrawn in place with a carriage return, cut to the
/// terminal's width (read at every redraw, so a resize is followed) so it never wraps. When stdout is redirected: a
/// plain line at every 10% (every 2 seconds while a stream's length is unknown). Either way it says first how much a resumed upload found already on the server, and the
/// rate is measured over the last 5 seconds.
/// </summary>
internal sealed class ProgressDisplay : IProgress<UploadProgress>
{
    private static readonly TimeSpan s_unknownTotalInterval = TimeSpan.FromSeconds(2);
    private readonly TextWriter _out;
    private readonly LiveLine? _line;
    private readonly RateWindow _rate = new(TimeSpan.FromSeconds(5));
    private readonly Lock _gate = new();
    private readonly TimeSpan _started = RateWindow.Now();
    private bool _seen;
    private int _lastDecile = -1;
    private TimeSpan? _lastPlainLine;

    public ProgressDisplay(TextWriter output, bool interactive, Func<int> width)
    {
        _out = output;
        _line = interactive ? new LiveLine(output, width) : null;
    }

    /// <summary>Gets the last report.</summary>
    public UploadProgress Last { get; private set; }

    /// <summary>A display on the console: interactive unless stdout is redirected.</summary>
    public static ProgressDisplay ForConsole() => new(Console.Out, !Console.IsOutputRedirected, TerminalWidth.Current);

    public void Report(UploadProgress value)
    {
        lock (_gate)
        {
            TimeSpan now = RateWindow.Now();
            Last = value;
            if (!_seen)
            {
                _seen = true;
                _rate.Add(_started, value.ResumedBytes);
                if (value.ResumedBytes > 0)
                {
                    _out.WriteLine($"resuming: {ByteSize.Format(value.ResumedBytes)} already on the server ({value.PartsCompleted} of {value.TotalParts} parts).");
                }
            }

            _rate.Add(now, value.TotalBytesSent);
            bool known = value.TotalBytesExpected >= 0;
            bool done = known && value.TotalBytesSent >= value.TotalBytesExpected;
            if (_line is not null)
            {
                _line.Redraw(now, done, columns => Format(value, columns));
            }
            else if (!known)
            {
                // A stream of unknown length: no tenths to count, so a plain line at most every 2 seconds.
                if (_lastPlainLine is not TimeSpan last || now - last >= s_unknownTotalInterval)
                {
                    _lastPlainLine = now;
                    _out.WriteLine(Format(value, 100));
                }
            }
            else
            {
                int decile = value.TotalBytesExpected == 0 ? 10 : (int)(value.TotalBytesSent * 10 / value.TotalBytesExpected);
                if (decile != _lastDecile)
                {
                    _lastDecile = decile;
                    _out.WriteLine(Format(value, 100));
                }
            }
        }
    }

    /// <summary>Ends the redrawn line, so what follows starts on a line of its own.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            _line?.Finish(columns => Format(Last, columns));
        }
    }

    private string Format(UploadProgress value, int columns) => ProgressLine.Format(value, _rate.BytesPerSecond(), columns);
}
