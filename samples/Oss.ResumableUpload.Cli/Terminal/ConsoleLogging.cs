using Microsoft.Extensions.Logging;

namespace Oss.ResumableUpload.Cli;

/// <summary>The loggers behind <c>--verbose</c>: one line per entry, on stderr so that stdout keeps the command's own output.</summary>
internal static class ConsoleLogging
{
    public static ILoggerFactory Create() => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(LogLevel.Debug)
        .AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        })
        .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
}
