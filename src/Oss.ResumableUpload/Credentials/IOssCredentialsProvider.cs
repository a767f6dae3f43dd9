namespace Oss.ResumableUpload;

/// <summary>Supplies the credentials that sign each request.</summary>
/// <remarks>
/// The client caches what a provider returns and asks again shortly before <see cref="OssCredentials.Expiration"/>,
/// and again after the server answers <c>SecurityTokenExpired</c>, so an STS token can be refreshed during a long upload.
/// Implementations must be safe to call concurrently.
/// </remarks>
public interface IOssCredentialsProvider
{
    /// <summary>Gets the credentials to sign the next request with.</summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The current credentials.</returns>
    ValueTask<OssCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default);
}
