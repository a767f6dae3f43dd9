using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Oss.ResumableUpload.Resumable.Concurrency;
using Oss.ResumableUpload.Tests.Infrastructure;

namespace Oss.ResumableUpload.Tests.Resumable;

/// <summary>
/// The controller against a modelled link, on a fake clock: each completed part of <see cref="PartSize"/> bytes
/// advances the clock by PartSize ÷ the model's rate at the gate's current limit, so every run is deterministic.
/// </summary>
public sealed class AdaptiveConcurrencyControllerTests
{
    private const long PartSize = 1024 * 1024;
    private const double MB = 1e6;

    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void Grows_while_each_raise_raises_the_throughput_up_to_the_capacity()
    {
        // Latency-bound: every part in flight adds 10 MB/s.
        (ConcurrencyGate gate, AdaptiveConcurrencyController controller) = Create(start: 4, capacity: 20);
        List<int> limits = Drive(gate, controller, limit => limit * 10 * MB, parts: 2000);

        Assert.Equal([4, 6, 9, 13, 19, 20], limits.Distinct());
        Assert.Equal(20, gate.Limit);
        Assert.True(controller.IsSettled);
    }

    [Fact]
    public void Holds_at_the_first_raise_that_gains_too_little()
    {
        // The link fills at 8 parts: 9 gains over 6, 13 gains nothing over 9.
        (ConcurrencyGate gate, AdaptiveConcurrencyController controller) = Create(start: 4, capacity: 64);
        List<int> limits = Drive(gate, controller, limit => Math.Min(limit, 8) * 10 * MB, parts: 3000);

        Assert.Equal([4, 6, 9, 13], limits.Distinct());
        Assert.True(controller.IsSettled);
        Assert.Equal(13, gate.Limit);
    }

    [Fact]
    public void A_flat_throughput_settles_one_step_above_MaxConcurrency()
    {
        // CPU-bound (loopback on two cores): more parts in flight change nothing.
        (ConcurrencyGate gate, AdaptiveConcurrencyController controller) = Create(start: 4, capacity: 64);
        Drive(gate, controller, _ => 300 * MB, parts: 3000);

        Assert.True(controller.IsSettled);
        Assert.Equal(6, gate.Limit);
    }

    [Fact]
    public void Completions_in_the_warm_up_are_not_measured()
    {
        // A fresh process: slow for its first 300 ms (cold code, new connections), then flat. Were the slow start the
        // baseline, the flat rate after it would look like a gain and ratchet the limit up.
        (ConcurrencyGate gate, AdaptiveConcurrencyController controller) = Create(start: 4, capacity: 64);
        DateTimeOffset start = _clock.GetUtcNow();
        for (int i = 0; i < 3000; i++)
        {
            double rate = _clock.GetUtcNow() - start < TimeSpan.FromMilliseconds(300) ? 20 * MB : 300 * MB;
            _clock.Advance(TimeSpan.FromSeconds(PartSize / rate));
            controller.OnPartCompleted(PartSize);
        }

        Assert.True(controller.IsSettled);
        Assert.Equal(6, gate.Limit);
    }

    [Fact]
    public void Noise_below_the_margin_does_not_ratchet_the_limit_up()
    {
        // ±6% noise around a flat rate, from a fixed seed: no window beats the one before by 15%.
        var random = new Random(11);
        (ConcurrencyGate gate, AdaptiveConcurrencyController controller) = Create(start: 4, capacity: 64);
        Drive(gate, controller, _ => 200 * MB * (0.94 + (random.NextDouble() * 0.12)), parts: 5000);

        Assert.True(controller.IsSettled);
        Assert.Equal(6, gate.Limit);
    }

    [Fact]
    public void A_falling_throughput_settles_and_never_goes_below_MaxConcurrency()
    {
        (ConcurrencyGate gate, AdaptiveConcurrencyController controller) = Create(start: 5, capacity: 64);
        List<int> limits = Drive(gate, controller, limit => 500 * MB / limit, parts: 2000);

        Assert.True(controller.IsSettled);
        Assert.All(limits, l => Assert.True(l >= 5));
        Assert.Equal(7, gate.Limit); // 5 + max(2, 5 / 2): the one raise that lost, held
    }

    [Fact]
    public void Never_exceeds_the_capacity()
    {
        (ConcurrencyGate gate, AdaptiveConcurrencyController controller) = Create(start: 4, capacity: 5);
        List<int> limits = Drive(gate, controller, limit => limit * 10 * MB, parts: 1000);

        Assert.Equal([4, 5], limits.Distinct());
        Assert.True(controller.IsSettled);
        Assert.Equal(5, gate.Raise(100));
    }

    [Fact]
    public void A_gate_at_its_capacity_is_settled_from_the_start()
    {
        (ConcurrencyGate gate, AdaptiveConcurrencyController controller) = Create(start: 4, capacity: 4);
        Assert.True(controller.IsSettled);
        Drive(gate, controller, limit => limit * 10 * MB, parts: 500);
        Assert.Equal(4, gate.Limit);
    }

    [Fact]
    public void A_stall_after_a_raise_counts_as_less_throughput_not_more()
    {
        // Retries that back off (or a failed attempt sent again) show as a window with a gap: the raise is not repeated.
        (ConcurrencyGate gate, AdaptiveConcurrencyController controller) = Create(start: 4, capacity: 64);
        bool stalled = false;
        DateTimeOffset? atSix = null;
        for (int i = 0; i < 3000; i++)
        {
            int limit = gate.Limit;
            atSix ??= limit == 6 ? _clock.GetUtcNow() : null;

            // Past the warm-up after the raise (300 ms): inside the window that judges it.
            if (!stalled && atSix is { } since && _clock.GetUtcNow() - since > TimeSpan.FromMilliseconds(350))
            {
                stalled = true;
                _clock.Advance(TimeSpan.FromSeconds(1));
            }

            _clock.Advance(TimeSpan.FromSeconds(PartSize / (limit * 10 * MB)));
            controller.OnPartCompleted(PartSize);
        }

        Assert.True(stalled);
        Assert.True(controller.IsSettled);
        Assert.Equal(6, gate.Limit);
    }

    [Fact]
    public void Only_completed_parts_count_so_a_window_needs_them()
    {
        // Time passes with nothing completed (every attempt failing and retried): no window ends, nothing changes.
        (ConcurrencyGate gate, AdaptiveConcurrencyController controller) = Create(start: 4, capacity: 64);
        for (int i = 0; i < 8; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            controller.OnPartCompleted(PartSize);
        }

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(4, gate.Limit);
        Assert.False(controller.IsSettled);
    }

    [Fact]
    public void A_clock_that_does_not_move_never_raises()
    {
        (ConcurrencyGate gate, AdaptiveConcurrencyController controller) = Create(start: 4, capacity: 64);
        for (int i = 0; i < 10_000; i++)
        {
            controller.OnPartCompleted(PartSize);
        }

        Assert.Equal(4, gate.Limit);
    }

    [Fact]
    public void A_window_needs_both_its_parts_and_its_time()
    {
        // 4 skipped, then 7 parts over a long time: one part short of a window.
        (ConcurrencyGate gate, AdaptiveConcurrencyController controller) = Create(start: 4, capacity: 64);
        for (int i = 0; i < 4 + 7; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            controller.OnPartCompleted(PartSize);
        }

        Assert.Equal(4, gate.Limit);
        _clock.Advance(TimeSpan.FromSeconds(1));
        controller.OnPartCompleted(PartSize);
        Assert.Equal(6, gate.Limit);
    }

    [Fact]
    public void Logs_each_raise_and_the_settling_at_debug()
    {
        var logs = new ListLoggerFactory();
        using var gate = new ConcurrencyGate(4, 64);
        var controller = new AdaptiveConcurrencyController(gate, _clock, logs.CreateLogger("Engine"), "upload-1");
        Drive(gate, controller, limit => Math.Min(limit, 8) * 10 * MB, parts: 3000);

        List<LogLine> raised = logs.Lines.Where(l => l.EventId.Id == OssDiagnostics.EventIds.ConcurrencyRaised).ToList();
        LogLine settled = Assert.Single(logs.Lines, l => l.EventId.Id == OssDiagnostics.EventIds.ConcurrencySettled);
        Assert.Equal(3, raised.Count);
        Assert.All(raised, l => Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Debug, l.Level));
        Assert.StartsWith("Upload upload-1 moved ", raised[0].Message, StringComparison.Ordinal);
        Assert.Contains("bytes/s with 4 parts in flight; allowing 6", raised[0].Message, StringComparison.Ordinal);
        Assert.Contains("holds 13 parts in flight", settled.Message, StringComparison.Ordinal);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Debug, settled.Level);
    }

    [Fact]
    public void Reaching_the_capacity_is_logged_as_settled()
    {
        var logs = new ListLoggerFactory();
        using var gate = new ConcurrencyGate(4, 6);
        var controller = new AdaptiveConcurrencyController(gate, _clock, logs.CreateLogger("Engine"), "upload-2");
        Drive(gate, controller, limit => limit * 10 * MB, parts: 500);

        Assert.Single(logs.Lines, l => l.EventId.Id == OssDiagnostics.EventIds.ConcurrencyRaised);
        LogLine settled = Assert.Single(logs.Lines, l => l.EventId.Id == OssDiagnostics.EventIds.ConcurrencySettled);
        Assert.Contains("holds 6 parts in flight", settled.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Concurrent_completions_keep_the_limit_within_its_bounds()
    {
        using var gate = new ConcurrencyGate(4, 16);
        var controller = new AdaptiveConcurrencyController(gate, TimeProvider.System, NullLogger.Instance, "upload-3", AdaptiveConcurrencyTuning.Default with { MinWindowDuration = TimeSpan.FromTicks(1) });
        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ => controller.OnPartCompleted(PartSize));

        Assert.InRange(gate.Limit, 4, 16);
    }

    private (ConcurrencyGate Gate, AdaptiveConcurrencyController Controller) Create(int start, int capacity)
    {
        var gate = new ConcurrencyGate(start, capacity);
        return (gate, new AdaptiveConcurrencyController(gate, _clock, NullLogger.Instance, "upload"));
    }

    /// <summary>Completes <paramref name="parts"/> parts at the model's rate for the current limit; returns the limit seen at each.</summary>
    private List<int> Drive(ConcurrencyGate gate, AdaptiveConcurrencyController controller, Func<int, double> bytesPerSecond, int parts)
    {
        var limits = new List<int>(parts);
        for (int i = 0; i < parts; i++)
        {
            int limit = gate.Limit;
            limits.Add(limit);
            _clock.Advance(TimeSpan.FromSeconds(PartSize / bytesPerSecond(limit)));
            controller.OnPartCompleted(PartSize);
        }

        return limits;
    }
}
