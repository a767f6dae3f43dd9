using System.Globalization;

namespace Oss.ResumableUpload.Cli;

/// <summary>The terminal's width in columns: the console's own, else <c>COLUMNS</c>, else 80.</summary>
internal static class TerminalWidth
{
    public static int Current()
    {
        try
        {
            if (Console.WindowWidth is > 0 and var width)
            {
                return width;
            }
        }
        catch (IOException)
        {
        }
        catch (PlatformNotSupportedException)
        {
        }

        return int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out int columns) && columns > 0 ? columns : 80;
    }
}
