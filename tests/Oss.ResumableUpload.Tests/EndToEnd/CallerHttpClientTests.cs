using System.Web;
using Microsoft.Extensions.DependencyInjection;
using Oss.ResumableUpload.Testing;
using Polly.Timeout;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>
/// A caller's <see cref="HttpClient"/> with its own timeouts: the standard resilience handler (what .NET Aspire adds
/// to every client), a short <see cref="HttpClient.Timeout"/>, a handler that cancels for its own reasons. A timeout
/// that is not the caller's token is a transient <see cref="OssClientException"/> (<see cref="OssClientErrorCode.RequestTimeout"/>),
/// retried by the library; only the caller's own token gives <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class CallerHttpClientTests
{
    private const int P = EndToEndHarness.PartSize;
    private const string Key = "caller/object.bin";

    [Fact]
    public async Task TheStandardResilienceHandlerTimingOutAHeldPartIsATransientOssExceptionAfterTheLibrarysRetries()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(2 * P, seed: 401);
        OssFault hold = harness.Server.Faults.Hold(OssOperationKind.UploadPart, OssFaultInjector.Always, partNumber: 2);
        var attempts = new PartCounter(2);
        using ServiceProvider services = StandardResilienceServices(attempts);
        HttpClient http = services.GetRequiredService<IHttpClientFactory>().CreateClient("oss");
        using var client = new OssClient(Options(harness, maxRetries: 1), http);

        var ex = await Assert.ThrowsAsync<OssClientException>(() => client.ResumableUploadAsync(harness.Request(path, Key, checkpoint: false)));

        Assert.Equal(OssClientErrorCode.RequestTimeout, ex.ErrorCode);
        Assert.True(ex.IsTransient);
        Assert.IsType<TimeoutRejectedException>(Inner(ex, e => e is TimeoutRejectedException));
        Assert.Contains("2 attempt", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, attempts.Count); // the library's own attempts, each one retried inside by the handler
        Assert.True(hold.TimesTriggered >= 2, $"the server saw {hold.TimesTriggered} attempts of part 2");
    }

    [Fact]
    public async Task TheStandardResilienceHandlerPassesAPartThatIsFastEnough()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile((2 * P) + 7, seed: 402);
        using ServiceProvider services = StandardResilienceServices(new PartCounter(0));
        HttpClient http = services.GetRequiredService<IHttpClientFactory>().CreateClient("oss");
        using var client = new OssClient(Options(harness, maxRetries: 1), http);

        ResumableUploadResult result = await client.ResumableUploadAsync(harness.Request(path, Key, checkpoint: false));

        await harness.AssertStoredAsync(Key, File.ReadAllBytes(path), result);
    }

    [Fact]
    public async Task AnHttpClientTimeoutShorterThanAHeldPartIsATransientOssExceptionNotACancel()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(2 * P, seed: 403);
        OssFault hold = harness.Server.Faults.Hold(OssOperationKind.UploadPart, OssFaultInjector.Always, partNumber: 2);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { Timeout = TimeSpan.FromMilliseconds(600) };
        using var client = new OssClient(Options(harness, maxRetries: 2), http);

        var ex = await Assert.ThrowsAsync<OssClientException>(() => client.ResumableUploadAsync(harness.Request(path, Key, checkpoint: false)));

        Assert.Equal(OssClientErrorCode.RequestTimeout, ex.ErrorCode);
        Assert.True(ex.IsTransient);
        Assert.Contains("HttpClient.Timeout", ex.Message, StringComparison.Ordinal);
        Assert.Contains("3 attempt", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, hold.TimesTriggered);
    }

    [Fact]
    public async Task AHandlerThatCancelsForItsOwnReasonIsATransientOssExceptionNotACancel()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        OssFault hold = harness.Server.Faults.Hold(OssOperationKind.UploadPart, OssFaultInjector.Always);
        var handler = new OwnDeadlineHandler(TimeSpan.FromMilliseconds(200)) { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false } };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var client = new OssClient(Options(harness, maxRetries: 1), http);

        var ex = await Assert.ThrowsAsync<OssClientException>(() => UploadOnePartAsync(client));

        Assert.Equal(OssClientErrorCode.RequestTimeout, ex.ErrorCode);
        Assert.True(ex.IsTransient);
        Assert.IsAssignableFrom<OperationCanceledException>(Inner(ex, e => e is OperationCanceledException));
        Assert.Equal(2, hold.TimesTriggered);
    }

    [Fact]
    public async Task AHandlerThatThrowsTimeoutRejectedIsRetriedAndThenATransientOssException()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        int thrown = 0;
        OssClient client = harness.CreateHookedClient((message, _) =>
        {
            if (EndToEndHarness.PartNumberOf(message) is not null)
            {
                Interlocked.Increment(ref thrown);
                throw new TimeoutRejectedException("The operation didn't complete within the allowed timeout of '00:00:30'.");
            }

            return Task.CompletedTask;
        });

        var ex = await Assert.ThrowsAsync<OssClientException>(() => UploadOnePartAsync(client));

        Assert.Equal(OssClientErrorCode.RequestTimeout, ex.ErrorCode);
        Assert.True(ex.IsTransient);
        Assert.Equal(4, thrown); // the harness's client retries 3 times
        Assert.IsType<TimeoutRejectedException>(Inner(ex, e => e is TimeoutRejectedException));
    }

    [Fact]
    public async Task ATimeoutRejectedOnceIsRetriedAndThePartStored()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(3 * P, seed: 404);
        int thrown = 0;
        OssClient client = harness.CreateHookedClient((message, _) =>
            EndToEndHarness.PartNumberOf(message) == 2 && Interlocked.Increment(ref thrown) == 1
                ? throw new TimeoutRejectedException()
                : Task.CompletedTask);

        ResumableUploadResult result = await client.ResumableUploadAsync(harness.Request(path, Key, checkpoint: false));

        await harness.AssertStoredAsync(Key, File.ReadAllBytes(path), result);
        Assert.Equal(2, thrown);
    }

    [Fact]
    public async Task TheLibrarysOwnRequestTimeoutIsATransientOssExceptionWithTheSameCode()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        OssFault hold = harness.Server.Faults.Hold(OssOperationKind.UploadPart, OssFaultInjector.Always);
        using var client = new OssClient(Options(harness, maxRetries: 0, requestTimeout: TimeSpan.FromSeconds(1)));

        var ex = await Assert.ThrowsAsync<OssClientException>(() => UploadOnePartAsync(client));

        Assert.Equal(OssClientErrorCode.RequestTimeout, ex.ErrorCode);
        Assert.True(ex.IsTransient);
        Assert.Contains("RequestTimeout", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, hold.TimesTriggered);
    }

    [Fact]
    public async Task TheCallersCancelThroughTheStandardResilienceHandlerIsACancel()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(2 * P, seed: 405);
        OssFault hold = harness.Server.Faults.Hold(OssOperationKind.UploadPart, OssFaultInjector.Always, partNumber: 2);
        using ServiceProvider services = StandardResilienceServices(new PartCounter(0), attemptTimeout: TimeSpan.FromSeconds(20));
        HttpClient http = services.GetRequiredService<IHttpClientFactory>().CreateClient("oss");
        using var client = new OssClient(Options(harness, maxRetries: 3), http);
        using var cancel = new CancellationTokenSource();

        Task upload = client.ResumableUploadAsync(harness.Request(path, Key, checkpoint: false), cancel.Token);
        await hold.WaitForTriggerAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload);
        Assert.Equal(1, hold.TimesTriggered);
    }

    [Fact]
    public async Task TheCallersCancelWithAShortHttpClientTimeoutIsACancel()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        OssFault hold = harness.Server.Faults.Hold(OssOperationKind.UploadPart, OssFaultInjector.Always);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
        using var client = new OssClient(Options(harness, maxRetries: 3), http);
        using var cancel = new CancellationTokenSource();

        Task upload = UploadOnePartAsync(client, cancel.Token);
        await hold.WaitForTriggerAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload);
        Assert.Equal(1, hold.TimesTriggered);
    }

    internal static OssClientOptions Options(EndToEndHarness harness, int maxRetries, TimeSpan? requestTimeout = null) => new()
    {
        RequestTimeout = requestTimeout ?? TimeSpan.FromMinutes(5),
        Endpoint = harness.Server.Endpoint,
        Region = harness.Server.Region,
        Credentials = harness.Server.Credential.ToCredentialsProvider(),
        MaxRetryAttempts = maxRetries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        MaxRetryDelay = TimeSpan.FromMilliseconds(20),
    };

    internal static async Task<UploadPartResult> UploadOnePartAsync(OssClient client, CancellationToken cancellationToken = default)
    {
        InitiateMultipartUploadResult upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = EndToEndHarness.Bucket, ObjectKey = Key }, cancellationToken);
        return await client.UploadPartAsync(
            new UploadPartRequest { BucketName = EndToEndHarness.Bucket, ObjectKey = Key, UploadId = upload.UploadId, PartNumber = 1, Content = new MemoryStream(EndToEndHarness.Content(P, seed: 9)) },
            cancellationToken);
    }

    private static Exception? Inner(Exception exception, Func<Exception, bool> match)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (match(e))
            {
                return e;
            }
        }

        return null;
    }

    /// <summary>
    /// An HttpClient factory with the standard resilience handler, its timeouts shortened so that a held part times out
    /// in about a second; <paramref name="attempts"/> sits outside it and counts what the library sends.
    /// </summary>
    private static ServiceProvider StandardResilienceServices(PartCounter attempts, TimeSpan? attemptTimeout = null)
    {
        TimeSpan attempt = attemptTimeout ?? TimeSpan.FromMilliseconds(500);
        var services = new ServiceCollection();
        services.AddHttpClient("oss")
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false })
            .AddHttpMessageHandler(() => attempts)
            .AddStandardResilienceHandler(options =>
            {
                options.AttemptTimeout.Timeout = attempt;
                options.TotalRequestTimeout.Timeout = (attempt * 2) + TimeSpan.FromMilliseconds(100);
                options.Retry.MaxRetryAttempts = 2;
                options.Retry.Delay = TimeSpan.FromMilliseconds(10);
                options.Retry.UseJitter = false;
                options.CircuitBreaker.SamplingDuration = (attempt * 2) + TimeSpan.FromSeconds(1);
            });
        return services.BuildServiceProvider();
    }

    /// <summary>Counts the requests for one part number that pass through it (0: counts nothing).</summary>
    private sealed class PartCounter(int partNumber) : DelegatingHandler
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string? number = request.RequestUri is null ? null : HttpUtility.ParseQueryString(request.RequestUri.Query)["partNumber"];
            if (partNumber > 0 && number == partNumber.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                Interlocked.Increment(ref _count);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>A handler with a deadline of its own for parts: it cancels the request with its own token, not the caller's.</summary>
    private sealed class OwnDeadlineHandler(TimeSpan deadline) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (EndToEndHarness.PartNumberOf(request) is null)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            using var own = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            own.CancelAfter(deadline);
            return await base.SendAsync(request, own.Token);
        }
    }
}
