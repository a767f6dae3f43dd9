using System.Globalization;

namespace Oss.ResumableUpload.Benchmarks.Charts;

/// <summary>
/// Reads the CSV that <c>process</c> and <c>far-link</c> write beside <c>--output</c>. Columns are found by their
/// header name, in any order; columns the chart does not use (and ones added later) are ignored. Every value is
/// checked: a row that does not parse fails with the source and line number rather than bending the chart.
/// </summary>
internal static class RunCsv
{
    /// <summary>The header names the chart needs.</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } =
        ["scenario", "mode", "bytes", "part_size", "concurrency", "rtt_ms", "bandwidth_bytes_per_s", "wall_s", "upload_s", "cpu_user_s", "cpu_sys_s"];

    public static IReadOnlyList<RunRecord> Read(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    public static IReadOnlyList<RunRecord> Parse(TextReader reader, string source)
    {
        string header = reader.ReadLine() ?? throw new InvalidDataException($"{source}: empty file, expected a header line");
        string[] names = header.Split(',').Select(n => n.Trim()).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            if (!index.TryAdd(names[i], i))
            {
                throw new InvalidDataException($"{source}:1: column '{names[i]}' appears twice");
            }
        }

        string[] missing = RequiredColumns.Where(c => !index.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidDataException($"{source}:1: missing column(s) {string.Join(", ", missing)}");
        }

        var records = new List<RunRecord>();
        int lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            string[] fields = line.Split(',');
            if (fields.Length != names.Length)
            {
                throw new InvalidDataException($"{source}:{lineNumber}: {fields.Length} fields, the header has {names.Length}");
            }

            var row = new Row(fields, index, source, lineNumber);
            records.Add(new RunRecord(
                row.Text("scenario"),
                row.Text("mode"),
                row.Long("bytes", min: 1),
                row.Long("part_size", min: 1),
                (int)row.Long("concurrency", min: 1, max: int.MaxValue),
                row.Double("rtt_ms", positive: false),
                row.Long("bandwidth_bytes_per_s", min: 0),
                row.Double("wall_s", positive: true),
                row.Double("upload_s", positive: true),
                row.Double("cpu_user_s", positive: false),
                row.Double("cpu_sys_s", positive: false),
                index.TryGetValue("adaptive", out int adaptive) && fields[adaptive].Trim() == "off"));
        }

        return records;
    }

    private readonly struct Row(string[] fields, Dictionary<string, int> index, string source, int line)
    {
        public string Text(string column)
        {
            string value = fields[index[column]].Trim();
            return value.Length > 0 ? value : throw Bad(column, value, "is empty");
        }

        public long Long(string column, long min, long max = long.MaxValue)
        {
            string value = fields[index[column]].Trim();
            return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long result) && result >= min && result <= max
                ? result
                : throw Bad(column, value, $"is not an integer in [{min}, {max}]");
        }

        public double Double(string column, bool positive)
        {
            string value = fields[index[column]].Trim();
            return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double result) && double.IsFinite(result) && (positive ? result > 0 : result >= 0)
                ? result
                : throw Bad(column, value, positive ? "is not a finite number > 0" : "is not a finite number >= 0");
        }

        private InvalidDataException Bad(string column, string value, string problem)
            => new($"{source}:{line}: {column} '{(value.Length > 40 ? value[..40] + "…" : value)}' {problem}");
    }
}
