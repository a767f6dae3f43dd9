using System.Net;

namespace Oss.ResumableUpload.DependencyInjection;

/// <summary>
/// The primary handler of every registered client. It never follows a redirect (a followed redirect would already
/// have sent the STS token and the part's bytes to the other host before the library refuses the reply), never
/// decompresses (OSS checks and reports the stored bytes' CRC-64, so the client must see them as sent), keeps no
/// cookies, renews pooled connections so DNS changes are seen, and allows many connections per server for parallel parts.
/// </summary>
internal static class OssPrimaryHandler
{
    public static SocketsHttpHandler Create(OssClientSettings settings) => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        PooledConnectionLifetime = settings.PooledConnectionLifetime,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        MaxConnectionsPerServer = settings.MaxConnectionsPerServer,
        ConnectTimeout = TimeSpan.FromSeconds(30),
    };
}
