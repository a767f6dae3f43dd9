namespace Oss.ResumableUpload.Cli;

/// <summary>
/// Shows <see cref="DirectoryUploadProgress"/> for a whole tree. On a terminal: one line redrawn in place with a
/// carriage return, cut to the terminal's width (read at every redraw). When stdout is redirected: a plain line at
/// every 10% of the bytes. The rate is measured over the last 5 seconds.
/// </summary>
internal sealed class DirectoryProgressDisplay : IProgress<DirectoryUploadProgress>
{
    private static readonly TimeSpan s_redrawInterval = TimeSpan.FromMilliseconds(100);
    private readonly TextWriter _out;
    private readonly bool _interactive;
    private readonly Func<int> _width;
    private readonly RateWindow _rate = new(TimeSpan.FromSeconds(5));
    private readonly Lock _gate = new();
    private bool _seen;
    private bool _drawn;
    private int _lastDecile = -1;
    private TimeSpan? _lastDraw;

    public DirectoryProgressDisplay(TextWriter output, bool interactive, Func<int> width)
    {
        _out = output;
        _interactive = interactive;
        _width = width;
    }

    /// <summary>Gets the last report.</summary>
    public DirectoryUploadProgress Last { get; private set; }

    /// <summary>A display on the console: interactive unless stdout is redirected.</summary>
    public static DirectoryProgressDisplay ForConsole() => new(Console.Out, !Console.IsOutputRedirected, TerminalWidth.Current);

    public void Report(DirectoryUploadProgress value)
    {
        lock (_gate)
        {
            TimeSpan now = RateWindow.Now();
            Last = value;
            if (!_seen)
            {
                _seen = true;
                // The first report's bytes were already there (skipped or resumed files): not part of the rate.
                _rate.Add(now, value.TotalBytesSent);
            }

            _rate.Add(now, value.TotalBytesSent);
            bool done = value.FilesCompleted >= value.TotalFiles;
            if (_interactive)
            {
                if (done || _lastDraw is not TimeSpan last || now - last >= s_redrawInterval)
                {
                    _lastDraw = now;
                    Draw(value);
                }
            }
            else
            {
                int decile = done ? 10 : value.TotalBytesExpected <= 0 ? 0 : (int)Math.Min(9, value.TotalBytesSent * 10 / value.TotalBytesExpected);
                if (decile != _lastDecile)
                {
                    _lastDecile = decile;
                    _out.WriteLine(DirectoryProgressLine.Format(value, _rate.BytesPerSecond(), 100));
                }
            }
        }
    }

    /// <summary>Ends the redrawn line, so what follows starts on a line of its own.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            if (_drawn)
            {
                Draw(Last);
                _out.WriteLine();
                _drawn = false;
            }
        }
    }

    private void Draw(DirectoryUploadProgress value)
    {
        // One column short of the width: a line that fills the last column makes some terminals wrap at once.
        int width = Math.Max(_width() - 1, 1);
        _out.Write("\r" + DirectoryProgressLine.Format(value, _rate.BytesPerSecond(), width).PadRight(width));
        _drawn = true;
    }
}
