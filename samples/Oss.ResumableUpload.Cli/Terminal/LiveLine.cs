namespace Oss.ResumableUpload.Cli;

/// <summary>
/// The one progress line of a terminal, redrawn in place with a carriage return at most every 100 ms, cut to one
/// column less than the terminal's width (read at every redraw, so a resize is followed) so that it never wraps.
/// Not thread-safe: the displays call it under their own lock.
/// </summary>
internal sealed class LiveLine(TextWriter output, Func<int> width)
{
    private static readonly TimeSpan s_redrawInterval = TimeSpan.FromMilliseconds(100);
    private TimeSpan? _lastDraw;
    private bool _drawn;

    /// <summary>Redraws with <paramref name="format"/> (given the width) when 100 ms have passed, or when <paramref name="force"/> is set.</summary>
    public void Redraw(TimeSpan now, bool force, Func<int, string> format)
    {
        if (force || _lastDraw is not TimeSpan last || now - last >= s_redrawInterval)
        {
            _lastDraw = now;
            Draw(format);
        }
    }

    /// <summary>Draws the line a last time and ends it, so what follows starts on a line of its own; nothing when it was never drawn.</summary>
    public void Finish(Func<int, string> format)
    {
        if (_drawn)
        {
            Draw(format);
            output.WriteLine();
            _drawn = false;
        }
    }

    private void Draw(Func<int, string> format)
    {
        // One column short of the width: a line that fills the last column makes some terminals wrap at once.
        int columns = Math.Max(width() - 1, 1);
        output.Write("\r" + format(columns).PadRight(columns));
        _drawn = true;
    }
}
