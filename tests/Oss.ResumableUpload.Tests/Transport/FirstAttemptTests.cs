using Microsoft.Extensions.Logging.Abstractions;
using Oss.ResumableUpload.Transport;
using Polly;

namespace Oss.ResumableUpload.Tests.Transport;

/// <summary>The first attempt runs outside Polly; the retry pipeline is built and entered only after a failure.</summary>
public sealed class FirstAttemptTests
{
    private static OssClientOptions Options(ResiliencePipeline? callerPipeline = null) => new()
    {
        Endpoint = new Uri("http://oss.example.test"),
        Credentials = new StaticCredentialsProvider("id", "secret"),
        MaxRetryAttempts = 3,
        RetryBaseDelay = TimeSpan.Zero,
        MaxRetryDelay = TimeSpan.Zero,
        RetryPipeline = callerPipeline,
    };

    private static OssRetryPolicy Policy(OssClientOptions options) => new(options, NullLogger.Instance, _ => { });

    private static AttemptState State() => new(new OssOperation("UploadPart", HttpMethod.Put, "bucket", "key"));

    private static Func<AttemptState, CancellationToken, ValueTask<OssResponse>> FailingTimes(int failures, int status = 503)
        => (state, _) =>
        {
            state.Attempt++;
            if (state.Attempt <= failures)
            {
                throw new OssServiceException(status, "ServiceUnavailable", "busy");
            }

            return ValueTask.FromResult(new OssResponse(200, new HttpResponseMessage().Headers, new ByteArrayContent([]).Headers, []));
        };

    [Fact]
    public async Task A_first_attempt_success_never_builds_the_retry_pipeline()
    {
        OssRetryPolicy policy = Policy(Options());
        AttemptState state = State();

        OssResponse response = await policy.ExecuteAsync(state, FailingTimes(0), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(1, state.Attempt);
        Assert.False(policy.IsRetryPipelineBuilt);
    }

    [Fact]
    public async Task A_failed_first_attempt_is_retried_in_the_pipeline_with_the_same_attempt_count()
    {
        OssRetryPolicy policy = Policy(Options());
        AttemptState state = State();

        OssResponse response = await policy.ExecuteAsync(state, FailingTimes(2), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(3, state.Attempt);
        Assert.Equal(2, state.TransientRetries);
        Assert.True(policy.IsRetryPipelineBuilt);
    }

    [Fact]
    public async Task The_budget_counts_the_first_attempt_and_the_last_failure_is_the_same_exception()
    {
        OssRetryPolicy policy = Policy(Options());
        AttemptState state = State();
        var thrown = new List<Exception>();
        Func<AttemptState, CancellationToken, ValueTask<OssResponse>> attempt = (s, _) =>
        {
            s.Attempt++;
            var error = new OssServiceException(500, "InternalError", "attempt " + s.Attempt);
            thrown.Add(error);
            throw error;
        };

        var failure = await Assert.ThrowsAsync<OssServiceException>(() => policy.ExecuteAsync(state, attempt, CancellationToken.None).AsTask());

        Assert.Equal(4, state.Attempt); // 1 + MaxRetryAttempts, none of them replayed as a send
        Assert.Same(thrown[^1], failure);
    }

    [Fact]
    public async Task A_non_transient_first_failure_is_thrown_as_it_is_without_another_attempt()
    {
        OssRetryPolicy policy = Policy(Options());
        AttemptState state = State();

        var failure = await Assert.ThrowsAsync<OssServiceException>(() => policy.ExecuteAsync(state, FailingTimes(1, status: 404), CancellationToken.None).AsTask());

        Assert.Equal(404, failure.StatusCode);
        Assert.Equal(1, state.Attempt);
    }

    [Fact]
    public async Task A_cancelled_token_starts_no_attempt()
    {
        OssRetryPolicy policy = Policy(Options());
        AttemptState state = State();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => policy.ExecuteAsync(state, FailingTimes(0), cancelled.Token).AsTask());

        Assert.Equal(0, state.Attempt);
    }

    [Fact]
    public async Task The_callers_pipeline_still_runs_every_attempt()
    {
        int executions = 0;
        ResiliencePipeline caller = new ResiliencePipelineBuilder()
            .AddRetry(new Polly.Retry.RetryStrategyOptions { MaxRetryAttempts = 2, Delay = TimeSpan.Zero, ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is OssServiceException) })
            .AddStrategy(_ => new CountingStrategy(() => executions++), new CountingOptions())
            .Build();
        OssRetryPolicy policy = Policy(Options(caller));
        AttemptState state = State();

        OssResponse response = await policy.ExecuteAsync(state, FailingTimes(1), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, state.Attempt);
        Assert.Equal(2, executions);
    }

    private sealed class CountingOptions : ResilienceStrategyOptions;

    private sealed class CountingStrategy(Action onExecute) : ResilienceStrategy
    {
        protected override ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
        {
            onExecute();
            return callback(context, state);
        }
    }
}
