namespace Oss.ResumableUpload.Resumable.Concurrency;

/// <summary>The rules of <see cref="AdaptiveConcurrencyController"/>: how long it measures and what counts as a gain.</summary>
/// <param name="MinWindowParts">The fewest completed parts in a measuring window (and never fewer than the limit).</param>
/// <param name="MinWindowDuration">The shortest measuring window.</param>
/// <param name="GrowthMargin">How much a window must beat the one before the last raise to raise again: 1.15 is 15%.</param>
/// <param name="MinStep">The smallest raise; a raise is otherwise half the current limit.</param>
/// <param name="WarmUp">How long after the start and after each raise no completion is measured: connections open, and a fresh process's
/// code is still being compiled to its faster tier, which would look like a gain the next window owes nothing to.</param>
internal sealed record AdaptiveConcurrencyTuning(int MinWindowParts, TimeSpan MinWindowDuration, double GrowthMargin, int MinStep, TimeSpan WarmUp)
{
    /// <summary>
    /// A 300 ms warm-up, windows of at least 8 parts and 250 ms, a 15% margin, raises of +50% (at least +2): from 4 it
    /// goes 6, 9, 13, 19, 28, 42, 63, so a 30 ms link reaches a bandwidth-delay product of 16 MiB in 1 MiB parts
    /// within about 1.5 s. The margin is wide because a shared machine's throughput swings by several percent from
    /// one quarter second to the next; a step of +50% gains far more than 15% wherever round trips are the limit.
    /// </summary>
    public static AdaptiveConcurrencyTuning Default { get; } = new(8, TimeSpan.FromMilliseconds(250), 1.15, 2, TimeSpan.FromMilliseconds(300));

    /// <summary>The limit after a raise from <paramref name="limit"/>, at most <paramref name="capacity"/>.</summary>
    public int NextLimit(int limit, int capacity) => Math.Min(capacity, limit + Math.Max(MinStep, limit / 2));
}
