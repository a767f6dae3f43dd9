using System.Reflection;
using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Diagnostics;

namespace Oss.ResumableUpload.Tests.Diagnostics;

/// <summary>The published event ids and the log messages are the same set, one id per message.</summary>
public sealed class EventIdTests
{
    [Fact]
    public void Every_log_message_uses_the_published_constant_of_its_own_name()
    {
        Dictionary<string, int> published = typeof(OssDiagnostics.EventIds)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!);
        Dictionary<string, int> logged = typeof(Log)
            .GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => (m.Name, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToDictionary(m => m.Name, m => m.Attribute!.EventId);

        Assert.Equal(published.OrderBy(p => p.Key), logged.OrderBy(p => p.Key));
        Assert.Equal(published.Count, published.Values.Distinct().Count());
    }
}
