using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Diagnostics;

namespace Oss.ResumableUpload.Credentials;

/// <summary>
/// The refresh logic every network provider shares: keeps the last credentials, fetches new ones a set time before
/// they expire, and runs one fetch however many callers ask at once (single flight). A fetch that fails while the
/// cached credentials are still valid keeps them, logs a warning and is not tried again for
/// <see cref="RetryAfterFailure"/>, so a flaky metadata service or STS does not fail an upload that still has time.
/// </summary>
/// <remarks>
/// The fetch runs with no caller's token: one caller giving up must not cancel the refresh the others wait for. Each
/// caller's token only stops that caller's wait. The fetch bounds its own time (the provider's request timeout).
/// </remarks>
internal sealed class CredentialsRefresher
{
    /// <summary>How long to keep using still-valid credentials after a failed refresh before trying again.</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(10);

    private readonly Func<CancellationToken, Task<OssCredentials>> _fetch;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _refreshAhead;
    private readonly ILogger _logger;
    private readonly string _source;
    private readonly Lock _gate = new();
    private OssCredentials? _current;
    private Task<OssCredentials>? _pending;
    private DateTimeOffset _retryNotBefore;

    /// <param name="fetch">Gets new credentials; throws <see cref="OssClientException"/> when it cannot.</param>
    /// <param name="timeProvider">The clock that decides expiry.</param>
    /// <param name="refreshAhead">How long before expiry to fetch new credentials.</param>
    /// <param name="logger">Where a failed refresh is reported.</param>
    /// <param name="source">The provider's name, for logs and messages.</param>
    public CredentialsRefresher(Func<CancellationToken, Task<OssCredentials>> fetch, TimeProvider timeProvider, TimeSpan refreshAhead, ILogger logger, string source)
    {
        _fetch = fetch;
        _timeProvider = timeProvider;
        _refreshAhead = refreshAhead;
        _logger = logger;
        _source = source;
    }

    /// <summary>The cached credentials when fresh; otherwise the result of the one refresh in flight.</summary>
    public async ValueTask<OssCredentials> GetAsync(CancellationToken cancellationToken)
    {
        Task<OssCredentials> pending;
        lock (_gate)
        {
            DateTimeOffset now = _timeProvider.GetUtcNow();
            if (_current is { } current && (IsFresh(current, now) || (IsValid(current, now) && now < _retryNotBefore)))
            {
                return current;
            }

            // Task.Run: the refresh never completes inside this lock, so it can always clear _pending itself.
            pending = _pending ??= Task.Run(RefreshAsync, CancellationToken.None);
        }

        return await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<OssCredentials> RefreshAsync()
    {
        try
        {
            OssCredentials fresh = await _fetch(CancellationToken.None).ConfigureAwait(false);
            lock (_gate)
            {
                _current = fresh;
                _retryNotBefore = default;
            }

            Log.CredentialsObtained(_logger, _source, fresh.Expiration);
            return fresh;
        }
        catch (Exception ex)
        {
            OssClientException error = ex as OssClientException
                ?? new OssClientException(OssClientErrorCode.CredentialsUnavailable, $"{_source} could not get credentials: {ex.GetType().Name}.", ex);
            OssCredentials? kept = null;
            lock (_gate)
            {
                DateTimeOffset now = _timeProvider.GetUtcNow();
                if (_current is { } current && IsValid(current, now))
                {
                    kept = current;
                    _retryNotBefore = now + RetryAfterFailure;
                }
            }

            if (kept is null)
            {
                throw error;
            }

            Log.CredentialsRefreshFailed(_logger, _source, kept.Expiration, error.Message);
            return kept;
        }
        finally
        {
            lock (_gate)
            {
                _pending = null;
            }
        }
    }

    private bool IsFresh(OssCredentials credentials, DateTimeOffset now)
        => credentials.Expiration is not { } expiration || now < expiration - _refreshAhead;

    private static bool IsValid(OssCredentials credentials, DateTimeOffset now)
        => credentials.Expiration is not { } expiration || now < expiration;
}
