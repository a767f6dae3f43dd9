using System.Reflection;
using System.Text.RegularExpressions;

namespace Oss.ResumableUpload.Tests.Diagnostics;

/// <summary>docs/observability.md lists every published event id and instrument, with the values the code has.</summary>
public sealed partial class ObservabilityDocTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(FindRepositoryRoot(), "docs", "observability.md"));

    [Fact]
    public void Every_event_id_is_in_the_table_with_its_value()
    {
        var rows = EventRow().Matches(Doc).ToDictionary(m => m.Groups["name"].Value, m => int.Parse(m.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Dictionary<string, int> published = Constants<int>(typeof(OssDiagnostics.EventIds));

        Assert.Equal(published.OrderBy(p => p.Key), rows.OrderBy(p => p.Key));
    }

    [Fact]
    public void Every_instrument_is_in_the_metrics_table()
    {
        foreach (string name in Constants<string>(typeof(OssDiagnostics.Metrics)).Values)
        {
            Assert.Contains($"| `{name}` |", Doc, StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, T> Constants<T>(Type type)
        => type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (T)f.GetRawConstantValue()!);

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Oss.ResumableUpload.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Oss.ResumableUpload.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\| (?<id>\d+) \| `(?<name>\w+)` \|", RegexOptions.Multiline)]
    private static partial Regex EventRow();
}
