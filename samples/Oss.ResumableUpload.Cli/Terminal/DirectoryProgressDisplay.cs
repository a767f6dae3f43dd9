namespace Oss.ResumableUpload.Cli;

/// <summary>
/// Shows <see cref="DirectoryUploadProgress"/> for a whole tree. On a terminal: one line redrawn in place with a
/// carriage return, cut to the terminal's width (read at every redraw). When stdout is redirected: a plain line at
/// every 10% of the bytes. The rate is the library's (<see cref="DirectoryUploadProgress.BytesPerSecond"/>, over about
/// the last 5 seconds), and the files in flight are shown with it (<see cref="DirectoryProgressLine"/>).
/// </summary>
internal sealed class DirectoryProgressDisplay : IProgress<DirectoryUploadProgress>
{
    private readonly TextWriter _out;
    private readonly LiveLine? _line;
    private readonly Lock _gate = new();
    private int _lastDecile = -1;

    public DirectoryProgressDisplay(TextWriter output, bool interactive, Func<int> width)
    {
        _out = output;
        _line = interactive ? new LiveLine(output, width) : null;
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
            bool done = value.FilesCompleted >= value.TotalFiles;
            if (_line is not null)
            {
                _line.Redraw(now, done, columns => Format(value, columns));
            }
            else
            {
                int decile = done ? 10 : value.TotalBytesExpected <= 0 ? 0 : (int)Math.Min(9, value.TotalBytesSent * 10 / value.TotalBytesExpected);
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

    private static string Format(DirectoryUploadProgress value, int columns) => DirectoryProgressLine.Format(value, columns);
}
