using Oss.ResumableUpload.Benchmarks.Charts;

namespace Oss.ResumableUpload.Benchmarks.Tests.Charts;

public class NiceScaleTests
{
    [Theory]
    [InlineData(7.3, 8, 2)]
    [InlineData(104, 125, 25)]
    [InlineData(1, 1, 0.2)]
    [InlineData(0.037, 0.04, 0.01)]
    [InlineData(250, 250, 50)]
    [InlineData(50, 50, 10)]
    [InlineData(12, 12.5, 2.5)]
    [InlineData(134.3, 150, 50)]
    public void CoversTheValueWithANiceStep(double value, double expectedMax, double expectedStep)
    {
        NiceScale scale = NiceScale.Covering(value);

        Assert.Equal(expectedMax, scale.Max, 9);
        Assert.Equal(expectedStep, scale.Step, 9);
    }

    [Fact]
    public void EveryStepIsOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen()
    {
        for (double value = 0.0013; value < 5e6; value *= 1.37)
        {
            NiceScale scale = NiceScale.Covering(value);
            double mantissa = scale.Step / Math.Pow(10, Math.Floor(Math.Log10(scale.Step) + 1e-9));

            Assert.Contains(new[] { 1, 2, 2.5, 5 }, m => Math.Abs(m - mantissa) < 1e-6);
            Assert.True(scale.Max >= value - 1e-9, $"{value}: axis ends at {scale.Max}");
            Assert.True(scale.Max < value + scale.Step + 1e-9, $"{value}: axis {scale.Max} goes past the first tick at or above it");
            Assert.InRange(scale.Ticks.Count - 1, 1, 5);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NoPositiveFiniteValueGivesAUnitAxis(double value)
    {
        NiceScale scale = NiceScale.Covering(value);

        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1], scale.Ticks);
    }

    [Theory]
    [InlineData(12, new[] { "0.0", "2.5", "5.0", "7.5", "10.0", "12.5" })]
    [InlineData(104, new[] { "0", "25", "50", "75", "100", "125" })]
    [InlineData(0.9, new[] { "0.0", "0.2", "0.4", "0.6", "0.8", "1.0" })]
    [InlineData(0.11, new[] { "0.000", "0.025", "0.050", "0.075", "0.100", "0.125" })]
    public void TickLabelsShowEveryTickWithTheSameDecimals(double value, string[] expected)
    {
        NiceScale scale = NiceScale.Covering(value);

        Assert.Equal(expected, scale.Ticks.Select(scale.Format));
    }
}
