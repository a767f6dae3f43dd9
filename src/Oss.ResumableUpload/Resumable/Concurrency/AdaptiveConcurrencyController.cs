using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Diagnostics;

namespace Oss.ResumableUpload.Resumable.Concurrency;

/// <summary>
/// Raises a <see cref="ConcurrencyGate"/>'s limit while each raise still raises the measured throughput, then holds it
/// for the rest of the upload. A far link (high RTT, high bandwidth) leaves the parts in flight at the request's
/// MaxConcurrency waiting on round trips; there more parts fill the link. A CPU-bound or bandwidth-bound upload gains
/// nothing from more parts, so the controller stops after its first raise that fails to gain.
/// </summary>
/// <remarks>
/// <para>
/// Throughput is measured from completed parts only (their bytes ÷ the window's time), in windows of at least
/// <see cref="AdaptiveConcurrencyTuning.MinWindowParts"/> parts, at least the limit, and at least
/// <see cref="AdaptiveConcurrencyTuning.MinWindowDuration"/>. Before each window, as many completions as parts were in
/// flight are skipped, and everything in the first <see cref="AdaptiveConcurrencyTuning.WarmUp"/> at the start and
/// after each raise: the first parts carry the connections' setup and code not yet compiled to its fast tier; after
/// a raise the parts already under way still show the old rate, and the added parts' new connections start in TCP
/// slow start, which on a 30 ms link takes several round trips to carry a 1 MiB part. A failed attempt that the transport retries only makes its part slower, which counts as
/// less throughput, never as more; a part that fails for good ends the upload.
/// </para>
/// <para>
/// The first window measures the starting limit. Then each raise (+50%, at least +2, up to the gate's capacity) is
/// kept if its window beat the window before it by <see cref="AdaptiveConcurrencyTuning.GrowthMargin"/>, and the
/// controller raises again; else it settles where it is. Noise can win one raise, rarely two: each must beat the
/// last by the margin again. Once settled (or at capacity) a completed part costs one volatile read; before that, a
/// lock held for a few arithmetic operations.
/// </para>
/// </remarks>
internal sealed class AdaptiveConcurrencyController
{
    private readonly ConcurrencyGate _gate;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly string _uploadId;
    private readonly AdaptiveConcurrencyTuning _tuning;
    private readonly Lock _lock = new();
    private long _warmUpStart;
    private volatile bool _settled;
    private bool _warmedUp;
    private int _toSkip;
    private long _windowStart;
    private long _windowBytes;
    private int _windowParts;
    private double _previousThroughput;

    public AdaptiveConcurrencyController(ConcurrencyGate gate, TimeProvider clock, ILogger logger, string uploadId, AdaptiveConcurrencyTuning? tuning = null)
    {
        _gate = gate;
        _clock = clock;
        _logger = logger;
        _uploadId = uploadId;
        _tuning = tuning ?? AdaptiveConcurrencyTuning.Default;
        _settled = !gate.CanRise;
        _toSkip = gate.Limit;
        _warmUpStart = clock.GetTimestamp();
    }

    /// <summary>
    /// The most parts in flight the request allows: MaxConcurrency when it does not adapt (AdaptiveConcurrency off, or
    /// a directory's budget governs), else min(64, max(MaxConcurrency, AdaptiveMemoryLimit ÷ <paramref name="partSize"/>)).
    /// </summary>
    public static int CeilingFor(ResumableUploadRequest request, long partSize)
        => !request.AdaptiveConcurrency || request.Budget is not null
            ? request.MaxConcurrency
            : (int)Math.Clamp(request.AdaptiveMemoryLimit / Math.Max(1, partSize), request.MaxConcurrency, UploadRequestValidator.MaxConcurrencyLimit);

    /// <summary>Gets a value indicating whether the limit is final for this upload.</summary>
    public bool IsSettled => _settled;

    /// <summary>Counts one completed part of <paramref name="bytes"/>, and raises the limit or settles when a window ends.</summary>
    public void OnPartCompleted(long bytes)
    {
        if (_settled)
        {
            return;
        }

        long now = _clock.GetTimestamp();
        Decision decision;
        lock (_lock)
        {
            decision = Count(bytes, now);
        }

        switch (decision.Kind)
        {
            case DecisionKind.Raised:
                Log.ConcurrencyRaised(_logger, _uploadId, (long)decision.Throughput, decision.From, decision.To);
                if (decision.To >= _gate.Capacity)
                {
                    Log.ConcurrencySettled(_logger, _uploadId, decision.To, (long)decision.Throughput, "the cap of AdaptiveMemoryLimit / PartSize (at most 64) is reached");
                }

                break;
            case DecisionKind.Settled:
                Log.ConcurrencySettled(_logger, _uploadId, decision.To, (long)decision.Throughput, decision.Reason!);
                break;
        }
    }

    private Decision Count(long bytes, long now)
    {
        if (_settled)
        {
            return default;
        }

        if (_toSkip > 0 || !_warmedUp)
        {
            if (_toSkip > 0)
            {
                _toSkip--;
            }

            _warmedUp = _warmedUp || _clock.GetElapsedTime(_warmUpStart, now) >= _tuning.WarmUp;
            if (_toSkip == 0 && _warmedUp)
            {
                _windowStart = now;
                _windowBytes = 0;
                _windowParts = 0;
            }

            return default;
        }

        _windowBytes += bytes;
        _windowParts++;
        int limit = _gate.Limit;
        TimeSpan elapsed = _clock.GetElapsedTime(_windowStart, now);
        if (_windowParts < Math.Max(_tuning.MinWindowParts, limit) || elapsed < _tuning.MinWindowDuration || elapsed <= TimeSpan.Zero)
        {
            return default;
        }

        double throughput = _windowBytes / elapsed.TotalSeconds;
        if (_previousThroughput > 0 && throughput < _previousThroughput * _tuning.GrowthMargin)
        {
            _settled = true;
            return new Decision(DecisionKind.Settled, limit, limit, throughput, "the last raise gained too little");
        }

        int raised = _gate.Raise(_tuning.NextLimit(limit, _gate.Capacity));
        _previousThroughput = throughput;
        _toSkip = limit;

        // The added parts open new connections, whose first bytes crawl through TCP slow start on a far link.
        _warmedUp = false;
        _warmUpStart = now;
        if (!_gate.CanRise)
        {
            // At capacity nothing is left to try: no further window is needed.
            _settled = true;
        }

        return new Decision(DecisionKind.Raised, limit, raised, throughput, null);
    }

    private enum DecisionKind
    {
        None,
        Raised,
        Settled,
    }

    private readonly record struct Decision(DecisionKind Kind, int From, int To, double Throughput, string? Reason);
}
