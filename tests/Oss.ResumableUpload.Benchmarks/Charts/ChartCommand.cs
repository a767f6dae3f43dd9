namespace Oss.ResumableUpload.Benchmarks.Charts;

/// <summary>
/// <c>chart --input a.csv [--input b.csv …] --output chart.svg [--title …]</c>: draws the CSVs that <c>process</c>
/// and <c>far-link</c> write (with <c>--output</c>) as one SVG: per configuration the median throughput spawn to exit
/// and client CPU per GiB, library beside bare loop, min–max whiskers; and link utilization for far-link runs.
/// </summary>
internal static class ChartCommand
{
    public const string DefaultTitle = "Whole-process uploads: library vs bare loop";

    public static async Task<int> RunAsync(string[] args)
    {
        var inputs = new List<string>();
        string? output = null;
        string title = DefaultTitle;
        for (int i = 0; i < args.Length; i++)
        {
            if (i + 1 >= args.Length)
            {
                return Fail($"{args[i]} needs a value");
            }

            string value = args[++i];
            switch (args[i - 1])
            {
                case "--input": inputs.Add(value); break;
                case "--output": output = value; break;
                case "--title": title = value; break;
                default: return Fail($"unknown option {args[i - 1]}");
            }
        }

        if (inputs.Count == 0 || output is null)
        {
            return Fail("usage: chart --input run.csv [--input more.csv ...] --output chart.svg [--title TEXT]");
        }

        var records = new List<RunRecord>();
        try
        {
            foreach (string input in inputs)
            {
                records.AddRange(RunCsv.Read(input));
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return Fail(e.Message);
        }

        IReadOnlyList<BarGroup> groups = BarGroup.From(records);
        int charted = groups.Sum(g => g.Library.Count + g.Loop.Count);
        if (groups.Count == 0)
        {
            return Fail($"no library or loop runs in {string.Join(", ", inputs)}");
        }

        string svg = SvgRenderer.Render(ChartLayout.Compute(groups, title));
        if (Path.GetDirectoryName(Path.GetFullPath(output)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        await File.WriteAllTextAsync(output, svg);
        Console.Error.WriteLine($"chart: {charted} runs in {groups.Count} groups from {inputs.Count} file(s){(records.Count > charted ? $", {records.Count - charted} rows of other modes left out" : "")}; wrote {output}");
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"chart: {message}");
        return 2;
    }
}
