namespace Oss.ResumableUpload;

/// <summary>
/// Creates the <see cref="OssClient"/>s registered with <c>services.AddOssClient(name, ...)</c>, in the manner of
/// <see cref="System.Net.Http.IHttpClientFactory"/>: one name per account or endpoint.
/// </summary>
/// <remarks>
/// Each call returns a new client over a pooled <see cref="HttpClient"/> from <see cref="System.Net.Http.IHttpClientFactory"/>,
/// with the name's current settings. Clients are cheap; a credentials provider is shared across calls, so temporary
/// credentials are not fetched again for each. Disposing a client is allowed and does not affect the others.
/// </remarks>
public interface IOssClientFactory
{
    /// <summary>Creates a client for the registered name.</summary>
    /// <param name="name">The name given to <c>AddOssClient</c>; <see cref="Microsoft.Extensions.Options.Options.DefaultName"/> (empty) for the unnamed client.</param>
    /// <returns>A client configured with the name's settings.</returns>
    /// <exception cref="InvalidOperationException">No client is registered under <paramref name="name"/>.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The name's settings are invalid.</exception>
    OssClient CreateClient(string name);
}
