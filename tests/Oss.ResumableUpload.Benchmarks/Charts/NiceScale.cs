using System.Globalization;

namespace Oss.ResumableUpload.Benchmarks.Charts;

/// <summary>
/// A linear axis from zero to a rounded end, with ticks at 1, 2, 2.5 or 5 × 10^k steps ("nice numbers"), so that a
/// reader can interpolate between gridlines in their head.
/// </summary>
internal sealed record NiceScale(double Max, double Step)
{
    private static readonly double[] s_mantissas = [1, 2, 2.5, 5, 10];

    /// <summary>The tick values, 0, Step, 2 Step, …, Max.</summary>
    public IReadOnlyList<double> Ticks
    {
        get
        {
            int count = (int)Math.Round(Max / Step);
            return Enumerable.Range(0, count + 1).Select(i => Math.Round(i * Step, Decimals + 2)).ToArray();
        }
    }

    /// <summary>The decimals that show every tick of this step exactly: 0 for 5, 1 for 0.5, 2 for 0.25.</summary>
    public int Decimals
    {
        get
        {
            int exponent = (int)Math.Floor(Math.Log10(Step) + 1e-9);
            bool quarter = Math.Abs((Step / Math.Pow(10, exponent)) - 2.5) < 1e-9;
            return Math.Max(0, -exponent + (quarter ? 1 : 0));
        }
    }

    /// <summary>
    /// The smallest nice step whose ticks cover <paramref name="value"/> in at most <paramref name="maxTicks"/>
    /// intervals, and the end of the axis at the first tick at or above the value.
    /// </summary>
    public static NiceScale Covering(double value, int maxTicks = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTicks, 1);
        if (!double.IsFinite(value) || value <= 0)
        {
            return new NiceScale(1, 0.2);
        }

        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(value / maxTicks)));
        foreach (double mantissa in s_mantissas)
        {
            double step = mantissa * magnitude;
            double end = Math.Ceiling((value / step) - 1e-9) * step;
            if (end / step <= maxTicks + 1e-9)
            {
                return new NiceScale(end, step);
            }
        }

        // value / maxTicks < 10 × magnitude by construction, so the loop has returned; this keeps the compiler content.
        double fallback = 10 * magnitude;
        return new NiceScale(Math.Ceiling(value / fallback) * fallback, fallback);
    }

    /// <summary>A tick label: the value with this scale's decimals, invariant culture.</summary>
    public string Format(double tick) => tick.ToString("F" + Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
