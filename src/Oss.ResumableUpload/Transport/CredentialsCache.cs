namespace Oss.ResumableUpload.Transport;

/// <summary>
/// Caches what the provider returns, refreshes it shortly before it expires and on demand after the server
/// rejected an expired token. Concurrent callers share one refresh.
/// </summary>
internal sealed class CredentialsCache(IOssCredentialsProvider provider, TimeProvider timeProvider, TimeSpan refreshWindow)
{
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private OssCredentials? _current;

    /// <param name="cancellationToken">A token to cancel the refresh.</param>
    /// <param name="rejected">Credentials the server just rejected as expired; forces a refresh unless another caller already replaced them.</param>
    public async ValueTask<OssCredentials> GetAsync(OssCredentials? rejected, CancellationToken cancellationToken)
    {
        OssCredentials? current = Volatile.Read(ref _current);
        if (current is not null && !ReferenceEquals(current, rejected) && !IsExpiring(current))
        {
            return current;
        }

        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _current;
            if (current is not null && !ReferenceEquals(current, rejected) && !IsExpiring(current))
            {
                return current;
            }

            OssCredentials fresh;
            try
            {
                fresh = await provider.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OssException)
            {
                throw new OssClientException(OssClientErrorCode.CredentialsUnavailable, $"The credentials provider {provider.GetType().Name} failed: {ex.Message}", ex);
            }

            if (fresh is null || string.IsNullOrEmpty(fresh.AccessKeyId) || string.IsNullOrEmpty(fresh.AccessKeySecret))
            {
                throw new OssClientException(OssClientErrorCode.CredentialsUnavailable, $"The credentials provider {provider.GetType().Name} returned no access key id or secret.");
            }

            // The id and the token go on the wire as header text: a CR, LF or other control character (a trailing newline
            // read from a file or an environment variable) would break or inject headers. Neither value is echoed.
            if (!IsVisibleAscii(fresh.AccessKeyId) || (fresh.SecurityToken is { } token && !IsVisibleAscii(token)))
            {
                throw new OssClientException(
                    OssClientErrorCode.CredentialsUnavailable,
                    $"The credentials provider {provider.GetType().Name} returned an access key id or security token with white space or control characters (a trailing newline?).");
            }

            Volatile.Write(ref _current, fresh);
            return fresh;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    /// <summary>
    /// The cached credentials when they are current; otherwise asks the provider and blocks until it answers (for
    /// synchronous callers such as presigning). A provider that completes synchronously
    /// (<see cref="StaticCredentialsProvider"/>) never blocks; one that goes to the network (ECS RAM role, OIDC) blocks
    /// the calling thread for that call. The cache awaits with ConfigureAwait(false), so the wait cannot deadlock on a
    /// synchronization context unless the provider itself captures one.
    /// </summary>
    public OssCredentials GetBlocking()
    {
        OssCredentials? current = Volatile.Read(ref _current);
        if (current is not null && !IsExpiring(current))
        {
            return current;
        }

        ValueTask<OssCredentials> pending = GetAsync(rejected: null, CancellationToken.None);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    private static bool IsVisibleAscii(string value) => !value.AsSpan().ContainsAnyExceptInRange('!', '~');

    private bool IsExpiring(OssCredentials credentials)
        => credentials.Expiration is { } expiration && expiration - refreshWindow <= timeProvider.GetUtcNow();
}
