using System.Net;
using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload.Credentials;

/// <summary>
/// Sends the requests of the network credential providers: a time limit per request, a size limit on the reply, no
/// redirects, and a typed error that names the service but never a secret (the OIDC token travels in the body, the
/// metadata token in a header; neither is echoed).
/// </summary>
internal static class CredentialsHttp
{
    /// <summary>64 KiB: a credentials reply is well under 4 KiB.</summary>
    public const int MaxReplyBytes = 64 * 1024;

    private static readonly Lazy<HttpClient> s_direct = new(() => Create(useProxy: false));
    private static readonly Lazy<HttpClient> s_proxied = new(() => Create(useProxy: true));

    /// <summary>The shared client for the instance metadata service: link-local, so never through a proxy.</summary>
    public static HttpClient Direct => s_direct.Value;

    /// <summary>The shared client for STS: honours the system proxy, as any other HTTPS call would.</summary>
    public static HttpClient Proxied => s_proxied.Value;

    /// <summary>Sends the request and reads the whole reply, within <paramref name="timeout"/>.</summary>
    /// <param name="client">The client to send with.</param>
    /// <param name="request">The request; disposed here.</param>
    /// <param name="timeout">The time the request and the read of its reply may take together.</param>
    /// <param name="timeProvider">The clock of the timeout.</param>
    /// <param name="service">Names the service in messages, for example "the ECS metadata service".</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="OssClientException">No reply in time, a network failure, a redirect or an oversized reply (<see cref="OssClientErrorCode.CredentialsUnavailable"/>).</exception>
    public static async Task<CredentialsReply> SendAsync(HttpClient client, HttpRequestMessage request, TimeSpan timeout, TimeProvider timeProvider, string service, CancellationToken cancellationToken)
    {
        using (request)
        using (var timeoutSource = new CancellationTokenSource(timeout, timeProvider))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token))
        {
            try
            {
                using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                if ((int)response.StatusCode is >= 300 and < 400 || (response.RequestMessage?.RequestUri is { } final && final != request.RequestUri))
                {
                    throw Failure($"{service} answered with a redirect ({(int)response.StatusCode}); credentials are never fetched from another address.");
                }

                byte[] body = await ResponseBodyReader.ReadAsync(response.Content, isHead: false, MaxReplyBytes, linked.Token).ConfigureAwait(false)
                    ?? throw Failure($"{service} sent a reply longer than {MaxReplyBytes} bytes.");
                return new CredentialsReply(response.StatusCode, body);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && timeoutSource.IsCancellationRequested)
            {
                throw Failure(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{service} did not answer within {timeout.TotalSeconds:0.###} s."), ex);
            }
            catch (HttpRequestException ex)
            {
                throw Failure($"{service} could not be reached: {ex.Message}", ex);
            }
            catch (IOException ex)
            {
                throw Failure($"{service} could not be read: {ex.Message}", ex);
            }
        }
    }

    /// <summary>A credentials error.</summary>
    public static OssClientException Failure(string message, Exception? innerException = null)
        => new(OssClientErrorCode.CredentialsUnavailable, message, innerException);

    /// <summary>Parses an expiry such as <c>2026-01-02T15:04:05Z</c>; null when absent or malformed.</summary>
    public static DateTimeOffset? ParseExpiration(string? value)
        => DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out DateTimeOffset parsed)
            ? parsed
            : null;

    private static HttpClient Create(bool useProxy)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = useProxy,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }
}

/// <summary>A reply to a credentials request, read whole.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Body">The body, at most <see cref="CredentialsHttp.MaxReplyBytes"/> bytes.</param>
internal readonly record struct CredentialsReply(HttpStatusCode StatusCode, byte[] Body)
{
    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;
}
