using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Oss.ResumableUpload.Credentials;
using Oss.ResumableUpload.Tests.Infrastructure;

namespace Oss.ResumableUpload.Tests.Credentials;

/// <summary>The refresh logic shared by the network providers, driven by a fake clock and a scripted fetch.</summary>
public sealed class CredentialsRefresherTests
{
    private static readonly DateTimeOffset s_start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Fresh_credentials_are_served_from_the_cache()
    {
        var time = new FakeTimeProvider(s_start);
        int fetches = 0;
        var refresher = new CredentialsRefresher(_ => Task.FromResult(Issue(++fetches, time, TimeSpan.FromHours(1))), time, TimeSpan.FromMinutes(5), NullLogger.Instance, "test");

        OssCredentials first = await refresher.GetAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(54));
        OssCredentials second = await refresher.GetAsync(CancellationToken.None);

        Assert.Same(first, second);
        Assert.Equal(1, fetches);
    }

    [Fact]
    public async Task Credentials_inside_the_refresh_window_are_fetched_again()
    {
        var time = new FakeTimeProvider(s_start);
        int fetches = 0;
        var refresher = new CredentialsRefresher(_ => Task.FromResult(Issue(++fetches, time, TimeSpan.FromHours(1))), time, TimeSpan.FromMinutes(5), NullLogger.Instance, "test");

        await refresher.GetAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(56));
        OssCredentials refreshed = await refresher.GetAsync(CancellationToken.None);

        Assert.Equal(2, fetches);
        Assert.Equal("id-2", refreshed.AccessKeyId);
    }

    [Fact]
    public async Task Thirty_two_concurrent_callers_share_one_fetch()
    {
        var time = new FakeTimeProvider(s_start);
        int fetches = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var refresher = new CredentialsRefresher(
            async _ =>
            {
                int n = Interlocked.Increment(ref fetches);
                await gate.Task;
                return Issue(n, time, TimeSpan.FromHours(1));
            },
            time,
            TimeSpan.FromMinutes(5),
            NullLogger.Instance,
            "test");

        Task<OssCredentials>[] callers = Enumerable.Range(0, 32).Select(_ => Task.Run(async () => await refresher.GetAsync(CancellationToken.None))).ToArray();
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref fetches) == 1, "the first fetch");
        await Task.Delay(50); // every caller has had time to join (or wrongly start its own fetch)
        gate.SetResult();
        OssCredentials[] results = await Task.WhenAll(callers);

        Assert.Equal(1, fetches);
        Assert.All(results, r => Assert.Same(results[0], r));
    }

    [Fact]
    public async Task A_failed_refresh_with_time_left_keeps_the_old_credentials_and_warns()
    {
        var time = new FakeTimeProvider(s_start);
        var log = new ListLoggerFactory();
        int fetches = 0;
        bool fail = false;
        var refresher = new CredentialsRefresher(
            _ =>
            {
                int n = Interlocked.Increment(ref fetches);
                return fail
                    ? Task.FromException<OssCredentials>(new OssClientException(OssClientErrorCode.CredentialsUnavailable, "metadata service down"))
                    : Task.FromResult(Issue(n, time, TimeSpan.FromHours(1)));
            },
            time,
            TimeSpan.FromMinutes(5),
            log.CreateLogger("test"),
            "test");

        OssCredentials original = await refresher.GetAsync(CancellationToken.None);
        fail = true;
        time.Advance(TimeSpan.FromMinutes(57));
        OssCredentials[] kept = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => refresher.GetAsync(CancellationToken.None).AsTask()));

        Assert.All(kept, k => Assert.Same(original, k));
        Assert.Equal(2, fetches);
        Assert.True(log.Has(OssDiagnostics.EventIds.CredentialsRefreshFailed), log.AllText);
        Assert.Contains("metadata service down", log.AllText, StringComparison.Ordinal);

        // Not retried on every call: only after the back-off.
        await refresher.GetAsync(CancellationToken.None);
        Assert.Equal(2, fetches);
        time.Advance(CredentialsRefresher.RetryAfterFailure);
        fail = false;
        OssCredentials renewed = await refresher.GetAsync(CancellationToken.None);
        Assert.Equal(3, fetches);
        Assert.Equal("id-3", renewed.AccessKeyId);
    }

    [Fact]
    public async Task A_failed_refresh_after_expiry_throws()
    {
        var time = new FakeTimeProvider(s_start);
        bool fail = false;
        var refresher = new CredentialsRefresher(
            _ => fail
                ? Task.FromException<OssCredentials>(new HttpRequestException("connection refused"))
                : Task.FromResult(Issue(1, time, TimeSpan.FromHours(1))),
            time,
            TimeSpan.FromMinutes(5),
            NullLogger.Instance,
            "test");

        await refresher.GetAsync(CancellationToken.None);
        fail = true;
        time.Advance(TimeSpan.FromMinutes(61));
        var ex = await Assert.ThrowsAsync<OssClientException>(async () => await refresher.GetAsync(CancellationToken.None));

        Assert.Equal(OssClientErrorCode.CredentialsUnavailable, ex.ErrorCode);
        Assert.IsType<HttpRequestException>(ex.InnerException);
    }

    [Fact]
    public async Task One_caller_cancelling_does_not_cancel_the_shared_refresh()
    {
        var time = new FakeTimeProvider(s_start);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        CancellationToken seenByFetch = default;
        var refresher = new CredentialsRefresher(
            async token =>
            {
                seenByFetch = token;
                await gate.Task;
                return Issue(1, time, TimeSpan.FromHours(1));
            },
            time,
            TimeSpan.FromMinutes(5),
            NullLogger.Instance,
            "test");

        using var cancel = new CancellationTokenSource();
        Task<OssCredentials> impatient = refresher.GetAsync(cancel.Token).AsTask();
        Task<OssCredentials> patient = refresher.GetAsync(CancellationToken.None).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        gate.SetResult();

        Assert.Equal("id-1", (await patient).AccessKeyId);
        Assert.False(seenByFetch.CanBeCanceled);
    }

    private static OssCredentials Issue(int n, TimeProvider time, TimeSpan lifetime)
        => new($"id-{n}", $"secret-{n}", $"token-{n}", time.GetUtcNow() + lifetime);
}
