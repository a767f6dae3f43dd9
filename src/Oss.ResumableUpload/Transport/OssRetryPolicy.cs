using System.Globalization;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Diagnostics;
using Polly;
using Polly.Retry;

namespace Oss.ResumableUpload.Transport;

/// <summary>
/// The retry policy of every request, as a Polly retry strategy over <see cref="AttemptState"/>: transient failures
/// (<see cref="TransientClassifier"/>) up to <see cref="OssClientOptions.MaxRetryAttempts"/> times with exponential
/// backoff and jitter, capped at <see cref="OssClientOptions.MaxRetryDelay"/>, waiting what the server asked for
/// (<see cref="ServerDelay"/>) when it did; plus one immediate retry after correcting the clock
/// (RequestTimeTooSkewed) and one after refreshing credentials (SecurityTokenExpired).
/// </summary>
/// <remarks>
/// With <see cref="OssClientOptions.RetryPipeline"/> set, the caller's pipeline replaces the transient retries: each
/// of its executions is one attempt wrapped in the one-off fixes (the transient budget is then 0), and a transport
/// failure leaves the attempt as an <see cref="OssException"/>, so the pipeline only ever sees the library's typed
/// errors (and <see cref="OperationCanceledException"/> for its own token).
///
/// The first attempt of a request runs outside Polly: most requests succeed at once, and entering the retry strategy
/// for them costs a dozen async frames per request and their JIT compilation in every process. Only when the first
/// attempt fails (and the caller's token is not cancelled) does the request enter the retry pipeline, whose first
/// execution replays that failure instead of sending again; Polly then decides, waits and logs exactly as if it had run
/// the first attempt itself (same attempt count, same backoff numbering, same classification). The retry pipeline is
/// built on the first failure, so a process whose requests all succeed never builds it.
/// </remarks>
internal sealed class OssRetryPolicy
{
    private static readonly ResiliencePropertyKey<AttemptState> s_stateKey = new("Oss.ResumableUpload.AttemptState");

    private readonly OssClientOptions _options;
    private readonly int _transientBudget;
    private readonly ResiliencePipeline? _callerPipeline;
    private ResiliencePipeline? _pipeline;
    private readonly ILogger _logger;
    private readonly Action<TimeSpan> _correctClock;

    /// <param name="options">The client's validated options.</param>
    /// <param name="logger">The transport logger, for retries and the one-off fixes.</param>
    /// <param name="correctClock">Applies a clock offset the server reported, before the retry that needs it.</param>
    public OssRetryPolicy(OssClientOptions options, ILogger logger, Action<TimeSpan> correctClock)
    {
        _logger = logger;
        _correctClock = correctClock;
        _options = options;
        _callerPipeline = options.RetryPipeline;
        _transientBudget = _callerPipeline is null ? options.MaxRetryAttempts : 0;
    }

    /// <summary>True once a failed first attempt made the policy build its retry pipeline.</summary>
    internal bool IsRetryPipelineBuilt => Volatile.Read(ref _pipeline) is not null;

    /// <summary>Runs <paramref name="attempt"/> until it succeeds or the policy gives up; the last failure is thrown.</summary>
    /// <remarks>Without a caller's pipeline this only forwards, so it returns the inner task rather than adding an async frame.</remarks>
    public ValueTask<OssResponse> ExecuteAsync(AttemptState state, Func<AttemptState, CancellationToken, ValueTask<OssResponse>> attempt, CancellationToken cancellationToken)
        => _callerPipeline is null ? ExecuteOwnAsync(state, attempt, cancellationToken) : ExecuteWithCallerPipelineAsync(_callerPipeline, state, attempt, cancellationToken);

    private async ValueTask<OssResponse> ExecuteWithCallerPipelineAsync(ResiliencePipeline callerPipeline, AttemptState state, Func<AttemptState, CancellationToken, ValueTask<OssResponse>> attempt, CancellationToken cancellationToken)
    {
        ResilienceContext context = ResilienceContextPool.Shared.Get(state.Operation.Name, continueOnCapturedContext: false, cancellationToken);
        try
        {
            return await callerPipeline.ExecuteAsync(
                static (ctx, s) => s.Policy.ExecuteCallerAttemptAsync(s.State, s.Attempt, ctx.CancellationToken),
                context,
                (Policy: this, Attempt: attempt, State: state)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>One execution of the caller's pipeline: one attempt (plus the one-off fixes), whose transport failures leave as <see cref="OssException"/>.</summary>
    private async ValueTask<OssResponse> ExecuteCallerAttemptAsync(AttemptState state, Func<AttemptState, CancellationToken, ValueTask<OssResponse>> attempt, CancellationToken cancellationToken)
    {
        if (!state.TryEnter())
        {
            // A hedging strategy: the state (attempt count, fixes, the operation's progress) belongs to one attempt at a time.
            throw new InvalidOperationException("OssClientOptions.RetryPipeline started an attempt while another attempt of the same request was running (hedging?). Attempts of one request must run one after another.");
        }

        try
        {
            return await ExecuteOwnAsync(state, attempt, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ErrorReplyMapper.IsTransportFailure(ex, cancellationToken))
        {
            throw ErrorReplyMapper.TransportFailure(state.Operation, state.Attempt, ErrorReplyMapper.DescribeNetworkFailure(ex), ex);
        }
        finally
        {
            state.Exit();
        }
    }

    private async ValueTask<OssResponse> ExecuteOwnAsync(AttemptState state, Func<AttemptState, CancellationToken, ValueTask<OssResponse>> attempt, CancellationToken cancellationToken)
    {
        // What Polly does before running a callback: a cancelled token starts no attempt.
        cancellationToken.ThrowIfCancellationRequested();
        state.ReplayedFailure = null;
        try
        {
            return await attempt(state, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Polly would not retry once the caller cancelled, so that failure leaves as it is (the filter lets it pass).
            state.ReplayedFailure = ExceptionDispatchInfo.Capture(ex);
        }

        return await RetryAsync(state, attempt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// True when no caller's pipeline is set: a caller may then run the first attempt itself, as
    /// <see cref="ExecuteAsync"/> would (a cancelled token starts none; a failure while the token is not cancelled is
    /// recorded in <see cref="AttemptState.ReplayedFailure"/>), and call <see cref="RetryAsync"/> only when it failed.
    /// This saves the transport an async frame per request.
    /// </summary>
    public bool RunsFirstAttemptOutside => _callerPipeline is null;

    /// <summary>The attempts after a failed first one, in the retry pipeline; its first execution replays that failure.</summary>
    public async ValueTask<OssResponse> RetryAsync(AttemptState state, Func<AttemptState, CancellationToken, ValueTask<OssResponse>> attempt, CancellationToken cancellationToken)
    {
        ResiliencePipeline pipeline = Volatile.Read(ref _pipeline) ?? BuildOnce();
        ResilienceContext context = ResilienceContextPool.Shared.Get(state.Operation.Name, continueOnCapturedContext: false, cancellationToken);
        context.Properties.Set(s_stateKey, state);
        try
        {
            return await pipeline.ExecuteAsync(
                static (ctx, s) => s.State.ReplayedFailure is { } first ? Replay(s.State, first) : s.Attempt(s.State, ctx.CancellationToken),
                context,
                (Attempt: attempt, State: state)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static ValueTask<OssResponse> Replay(AttemptState state, ExceptionDispatchInfo failure)
    {
        state.ReplayedFailure = null;
        failure.Throw();
        return default;
    }

    private ResiliencePipeline BuildOnce()
    {
        ResiliencePipeline built = Build(_options, _transientBudget);
        return Interlocked.CompareExchange(ref _pipeline, built, null) ?? built;
    }

    private ResiliencePipeline Build(OssClientOptions options, int transientBudget)
    {
        var retry = new RetryStrategyOptions
        {
            // Two extra attempts are reserved for the one-off fixes (clock skew, expired token); transient
            // failures are limited to MaxRetryAttempts in ShouldHandle.
            MaxRetryAttempts = transientBudget + 2,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = options.MaxRetryDelay,
            ShouldHandle = args =>
            {
                AttemptState? state = args.Context.Properties.GetValue(s_stateKey, null!);
                Exception? exception = args.Outcome.Exception;
                if (state is null || exception is null || args.Context.CancellationToken.IsCancellationRequested)
                {
                    return ValueTask.FromResult(false);
                }

                return ValueTask.FromResult(ShouldRetry(state, exception, transientBudget));
            },
            DelayGenerator = args =>
            {
                AttemptState? state = args.Context.Properties.GetValue(s_stateKey, null!);
                if (state?.PendingFix is not null)
                {
                    return ValueTask.FromResult<TimeSpan?>(TimeSpan.Zero);
                }

                if (state?.RetryAfter is TimeSpan wait)
                {
                    return ValueTask.FromResult<TimeSpan?>(wait < options.MaxRetryDelay ? wait : options.MaxRetryDelay);
                }

                return ValueTask.FromResult<TimeSpan?>(null);
            },
            OnRetry = args =>
            {
                AttemptState? state = args.Context.Properties.GetValue(s_stateKey, null!);
                if (state is not null)
                {
                    Exception? exception = args.Outcome.Exception;
                    string reason = state.PendingFix ?? DescribeFailure(exception);
                    Log.RequestRetry(_logger, state.Operation.Name, state.Operation.Method.Method, state.Operation.DescribeResource(), state.Attempt, reason, (long)args.RetryDelay.TotalMilliseconds, (exception as OssServiceException)?.RequestId);
                }

                return default;
            },
        };

        return new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider }.AddRetry(retry).Build();
    }

    /// <summary>The retry table: the one-off fixes first, each at most once, then the transient budget.</summary>
    private bool ShouldRetry(AttemptState state, Exception exception, int transientBudget)
    {
        state.PendingFix = null;
        if (exception is OssServiceException { ErrorCode: TransientClassifier.RequestTimeTooSkewed } && !state.SkewFixed && state.SkewOffset is TimeSpan offset)
        {
            state.SkewFixed = true;
            state.PendingFix = "clock skew";
            _correctClock(offset);
            Log.ClockSkewCorrected(_logger, offset.TotalSeconds);
            return true;
        }

        if (exception is OssServiceException { ErrorCode: TransientClassifier.SecurityTokenExpired } && !state.TokenRefreshed)
        {
            state.TokenRefreshed = true;
            state.PendingFix = "expired token";
            Log.CredentialsRefreshed(_logger);
            return true;
        }

        if (TransientClassifier.IsTransient(exception) && state.TransientRetries < transientBudget)
        {
            state.TransientRetries++;
            return true;
        }

        return false;
    }

    private static string DescribeFailure(Exception? exception) => exception switch
    {
        OssServiceException service => service.StatusCode.ToString(CultureInfo.InvariantCulture) + " " + service.ErrorCode,
        null => "unknown",
        OssException => exception.Message,
        _ => exception.GetType().Name + ": " + ServerText.Clean(exception.Message, ServerText.MaxMessageLength),
    };
}
