namespace Oss.ResumableUpload.Transport;

/// <summary>
/// What one <see cref="OssHttpPipeline.SendAsync"/> call has learnt across its attempts: the attempt count, the
/// one-off fixes already spent, and what the last refusal asked for. The pipeline records, <see cref="OssRetryPolicy"/> decides.
/// </summary>
internal sealed class AttemptState(OssOperation operation)
{
    private int _running;

    public OssOperation Operation { get; } = operation;

    /// <summary>The number of attempts started so far (1 during the first).</summary>
    public int Attempt { get; set; }

    /// <summary>The retries spent on transient failures, limited to <see cref="OssClientOptions.MaxRetryAttempts"/>.</summary>
    public int TransientRetries { get; set; }

    /// <summary>True once the clock offset was corrected; a second RequestTimeTooSkewed is not retried.</summary>
    public bool SkewFixed { get; set; }

    /// <summary>The offset the last RequestTimeTooSkewed reply's Date header implies.</summary>
    public TimeSpan? SkewOffset { get; set; }

    /// <summary>True once credentials were refreshed after SecurityTokenExpired; a second one is not retried.</summary>
    public bool TokenRefreshed { get; set; }

    /// <summary>The credentials the server rejected as expired, so that the next attempt gets fresh ones.</summary>
    public OssCredentials? RejectedCredentials { get; set; }

    /// <summary>True when the last attempt was signed with an STS token, which the operation's headers then carry.</summary>
    public bool SignedWithToken { get; set; }

    /// <summary>The delay the last refusal asked for (Retry-After, x-oss-qos-delay-time), already clamped.</summary>
    public TimeSpan? RetryAfter { get; set; }

    /// <summary>The one-off fix the next retry applies ("clock skew", "expired token"); it is retried at once.</summary>
    public string? PendingFix { get; set; }

    /// <summary>The first attempt's failure, which the retry pipeline's first execution throws again instead of sending.</summary>
    public System.Runtime.ExceptionServices.ExceptionDispatchInfo? ReplayedFailure { get; set; }

    /// <summary>Marks an attempt as running; false when one already is (a caller's hedging pipeline).</summary>
    public bool TryEnter() => Interlocked.Exchange(ref _running, 1) == 0;

    /// <summary>Marks the running attempt as ended.</summary>
    public void Exit() => Volatile.Write(ref _running, 0);
}
