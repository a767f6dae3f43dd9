namespace Oss.ResumableUpload.Benchmarks.Charts;

/// <summary>The median, minimum and maximum of one metric over the runs of one bar.</summary>
internal sealed record Summary(double Median, double Min, double Max, int Count)
{
    public static Summary? Of(IEnumerable<double> values)
    {
        double[] sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        int middle = sorted.Length / 2;
        double median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Summary(median, sorted[0], sorted[^1], sorted.Length);
    }
}
