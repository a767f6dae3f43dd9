using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Oss.ResumableUpload.Tests.Infrastructure;

/// <summary>Captures every log line, at every level, for assertions.</summary>
public sealed class ListLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<LogLine> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public bool Has(int eventId) => Lines.Any(l => l.EventId.Id == eventId);

    public string AllText => string.Join("\n", Lines.Select(l => $"{l.Level} {l.EventId.Id} {l.Category} {l.Message} {l.Exception}"));

    private sealed class ListLogger(ListLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string structured = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(";", pairs.Select(p => p.Key + "=" + p.Value))
                : string.Empty;
            owner.Lines.Enqueue(new LogLine(logLevel, eventId, category, formatter(state, exception) + " | " + structured, exception?.ToString()));
        }
    }
}

public sealed record LogLine(LogLevel Level, EventId EventId, string Category, string Message, string? Exception);
