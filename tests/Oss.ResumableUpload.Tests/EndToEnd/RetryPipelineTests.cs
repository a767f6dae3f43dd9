using System.Collections.Concurrent;
using Oss.ResumableUpload.Testing;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>
/// <see cref="OssClientOptions.RetryPipeline"/>: the caller's Polly pipeline replaces the library's transient retries,
/// sees only the library's typed errors, re-sends every body in full, and keeps the one-off fixes.
/// </summary>
public sealed class RetryPipelineTests
{
    private const int P = EndToEndHarness.PartSize;
    private const string Key = "pipeline/object.bin";

    [Fact]
    public async Task TheCallersPipelineRetriesTransientFailuresAndSeesOnlyOssExceptions()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(3 * P, seed: 501);
        harness.Server.Faults.FailNext(OssOperationKind.UploadPart, count: 2, statusCode: 503, errorCode: "ServiceUnavailable", partNumber: 2);
        harness.Server.Faults.ResetConnection(OssOperationKind.UploadPart, afterBodyBytes: 1000, partNumber: 3);
        var seen = new ConcurrentQueue<(string? Operation, Exception Exception)>();
        int retries = 0;
        ResiliencePipeline pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 5,
                Delay = TimeSpan.FromMilliseconds(1),
                ShouldHandle = args =>
                {
                    if (args.Outcome.Exception is { } exception)
                    {
                        seen.Enqueue((args.Context.OperationKey, exception));
                    }

                    return ValueTask.FromResult(args.Outcome.Exception is OssException { IsTransient: true });
                },
                OnRetry = _ =>
                {
                    Interlocked.Increment(ref retries);
                    return default;
                },
            })
            .Build();
        using var client = new OssClient(WithPipeline(harness, pipeline, maxRetries: 0));

        ResumableUploadResult result = await client.ResumableUploadAsync(harness.Request(path, Key, checkpoint: false));

        await harness.AssertStoredAsync(Key, File.ReadAllBytes(path), result); // every retried body arrived whole
        Assert.Equal(3, retries);
        Assert.All(seen, s => Assert.Equal("UploadPart", s.Operation));
        Assert.Equal(2, seen.Count(s => s.Exception is OssServiceException { StatusCode: 503, ErrorCode: "ServiceUnavailable" }));
        Assert.Single(seen, s => s.Exception is OssClientException { ErrorCode: OssClientErrorCode.NetworkFailure, IsTransient: true });
        Assert.Equal(3, seen.Count);
    }

    [Fact]
    public async Task AnEmptyPipelineMeansNoTransientRetriesWhateverMaxRetryAttemptsSays()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        harness.Server.Faults.FailNext(OssOperationKind.UploadPart, statusCode: 503, errorCode: "ServiceUnavailable");
        using var client = new OssClient(WithPipeline(harness, ResiliencePipeline.Empty, maxRetries: 3));

        var ex = await Assert.ThrowsAsync<OssServiceException>(() => CallerHttpClientTests.UploadOnePartAsync(client));

        Assert.Equal(503, ex.StatusCode);
        Assert.Single(harness.Server.Requests.Of(OssOperationKind.UploadPart));
    }

    [Fact]
    public async Task TheOneOffFixesStillApplyInsideEachAttempt()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        harness.Server.Faults.RequestTimeTooSkewedOnce(OssOperationKind.InitiateMultipartUpload);
        harness.Server.Faults.SecurityTokenExpiredOnce(OssOperationKind.UploadPart);
        using var client = new OssClient(WithPipeline(harness, ResiliencePipeline.Empty, maxRetries: 0));

        UploadPartResult part = await CallerHttpClientTests.UploadOnePartAsync(client);

        Assert.Equal(1, part.PartNumber);
        Assert.Equal(2, harness.Server.Requests.Of(OssOperationKind.InitiateMultipartUpload).Count);
        Assert.Equal(2, harness.Server.Requests.Of(OssOperationKind.UploadPart).Count);
    }

    [Fact]
    public async Task ATimeoutStrategyInThePipelineSurfacesAsRequestTimeout()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        OssFault hold = harness.Server.Faults.Hold(OssOperationKind.UploadPart, OssFaultInjector.Always);
        int retries = 0;
        ResiliencePipeline pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 1,
                Delay = TimeSpan.Zero,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is OssException { IsTransient: true } or TimeoutRejectedException),
                OnRetry = _ =>
                {
                    Interlocked.Increment(ref retries);
                    return default;
                },
            })
            .AddTimeout(TimeSpan.FromMilliseconds(250))
            .Build();
        using var client = new OssClient(WithPipeline(harness, pipeline, maxRetries: 0));

        // Initiate with a client without the short timeout: only the held part is timed out, however busy the machine.
        InitiateMultipartUploadResult init = await harness.CreateClient().InitiateMultipartUploadAsync(new() { BucketName = EndToEndHarness.Bucket, ObjectKey = Key });
        var ex = await Assert.ThrowsAsync<OssClientException>(() => client.UploadPartAsync(new() { BucketName = EndToEndHarness.Bucket, ObjectKey = Key, UploadId = init.UploadId, PartNumber = 1, Content = new MemoryStream([1, 2, 3]) }));

        Assert.Equal(OssClientErrorCode.RequestTimeout, ex.ErrorCode);
        Assert.True(ex.IsTransient);
        Assert.IsType<TimeoutRejectedException>(ex.InnerException);
        Assert.Equal(1, retries);
        Assert.Equal(2, hold.TimesTriggered);
    }

    [Fact]
    public async Task TheCallersCancelThroughThePipelineIsACancel()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        OssFault hold = harness.Server.Faults.Hold(OssOperationKind.UploadPart, OssFaultInjector.Always);
        ResiliencePipeline pipeline = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions { Delay = TimeSpan.Zero }).Build();
        using var client = new OssClient(WithPipeline(harness, pipeline, maxRetries: 0));
        using var cancel = new CancellationTokenSource();

        Task upload = CallerHttpClientTests.UploadOnePartAsync(client, cancel.Token);
        await hold.WaitForTriggerAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload);
        Assert.Equal(1, hold.TimesTriggered);
    }

    [Fact]
    public async Task OverlappingAttemptsOfOneRequestAreRefused()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        OssFault hold = harness.Server.Faults.Hold(OssOperationKind.InitiateMultipartUpload);
        ResiliencePipeline pipeline = new ResiliencePipelineBuilder().AddStrategy(_ => new TwoAtOnceStrategy(), new TwoAtOnceOptions()).Build();
        using var client = new OssClient(WithPipeline(harness, pipeline, maxRetries: 0));
        Task<InitiateMultipartUploadResult> initiate = client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = EndToEndHarness.Bucket, ObjectKey = Key });
        await hold.WaitForTriggerAsync().WaitAsync(TimeSpan.FromSeconds(10));
        hold.Release();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => initiate);

        Assert.Contains("RetryPipeline", ex.Message, StringComparison.Ordinal);
        Assert.Single(harness.Server.Requests.Of(OssOperationKind.InitiateMultipartUpload));
    }

    private static OssClientOptions WithPipeline(EndToEndHarness harness, ResiliencePipeline pipeline, int maxRetries) => new()
    {
        Endpoint = harness.Server.Endpoint,
        Region = harness.Server.Region,
        Credentials = harness.Server.Credential.ToCredentialsProvider(),
        MaxRetryAttempts = maxRetries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        RetryPipeline = pipeline,
    };

    private sealed class TwoAtOnceOptions : ResilienceStrategyOptions;

    /// <summary>Starts the callback twice at once, as a hedging strategy would, and returns the second outcome when it failed.</summary>
    private sealed class TwoAtOnceStrategy : ResilienceStrategy
    {
        protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
        {
            Task<Outcome<TResult>> first = callback(context, state).AsTask();
            Outcome<TResult> second = await callback(context, state);
            Outcome<TResult> firstOutcome = await first;
            return second.Exception is not null ? second : firstOutcome;
        }
    }
}
