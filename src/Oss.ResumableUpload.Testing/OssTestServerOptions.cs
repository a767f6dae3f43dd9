using System.Net;
using Microsoft.Extensions.Logging;

namespace Oss.ResumableUpload.Testing;

/// <summary>Configures an <see cref="OssTestServer"/>. Values are validated once, by <see cref="OssTestServer.StartAsync"/>.</summary>
public sealed class OssTestServerOptions
{
    /// <summary>The smallest size OSS accepts for a part that is not the last one: 100 KiB.</summary>
    public const long OssMinPartSize = 100 * 1024;

    /// <summary>The largest part, and the largest PutObject body, OSS accepts: 5 GiB.</summary>
    public const long OssMaxUploadSize = 5L * 1024 * 1024 * 1024;

    private const int DefaultMaxXmlBodySize = 4 * 1024 * 1024;

    /// <summary>Gets or sets the address the server listens on.</summary>
    /// <value>Default <see cref="IPAddress.Loopback"/> (127.0.0.1).</value>
    public IPAddress ListenAddress { get; set; } = IPAddress.Loopback;

    /// <summary>Gets or sets the TCP port.</summary>
    /// <value>Default 0: a free port chosen by the operating system; read it from <see cref="OssTestServer.Endpoint"/>.</value>
    public int Port { get; set; }

    /// <summary>Gets the buckets that exist when the server starts. Clients may create more with PutBucket.</summary>
    /// <value>Default empty.</value>
    public IList<string> Buckets { get; } = new List<string>();

    /// <summary>Gets the access keys (and STS triples) whose signatures the server accepts.</summary>
    /// <value>Default empty, which means <see cref="OssTestCredential.Default"/> only.</value>
    public IList<OssTestCredential> Credentials { get; } = new List<OssTestCredential>();

    /// <summary>Gets or sets the region whose Signature V4 scope requests must carry.</summary>
    /// <value>Default <c>cn-hangzhou</c>.</value>
    public string Region { get; set; } = "cn-hangzhou";

    /// <summary>Gets or sets where part and object bytes are kept.</summary>
    /// <value>Default <see cref="OssTestStorageMode.InMemory"/>.</value>
    public OssTestStorageMode StorageMode { get; set; } = OssTestStorageMode.InMemory;

    /// <summary>
    /// Gets or sets the directory for <see cref="OssTestStorageMode.Directory"/>. The server works in a subdirectory of
    /// its own and deletes it on dispose, and this directory too when the server created it (and it is then empty).
    /// On Unix the directories it creates are 0700 and its files 0600.
    /// </summary>
    /// <value>Default null. Required for <see cref="OssTestStorageMode.Directory"/>, ignored otherwise.</value>
    public string? DataDirectory { get; set; }

    /// <summary>Gets or sets a value indicating whether requests must carry a valid V1 or V4 signature (header or presigned URL).</summary>
    /// <value>Default true. When false every request is accepted as if signed.</value>
    public bool VerifySignatures { get; set; } = true;

    /// <summary>Gets or sets the largest difference between a request's date and the server clock.</summary>
    /// <value>Default 15 minutes, as OSS. Beyond it requests get <c>403 RequestTimeTooSkewed</c>.</value>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets the server clock: the clock-skew check, presigned URL expiry, <c>Date</c> replies, LastModified and Initiated times.</summary>
    /// <value>Default <see cref="TimeProvider.System"/>. Fault delays always use real time.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the smallest size of a part other than the last one that CompleteMultipartUpload accepts.</summary>
    /// <value>Default <see cref="OssMinPartSize"/> (102400 bytes). Range 1..5 GiB.</value>
    public long MinPartSize { get; set; } = OssMinPartSize;

    /// <summary>Gets or sets the largest UploadPart body the server reads, declared (Content-Length) or chunked.</summary>
    /// <value>Default <see cref="OssMaxUploadSize"/> (5 GiB), as OSS. Range 1 byte..5 GiB. A larger body is answered <c>400 EntityTooLarge</c> and its connection closed, without reading the rest.</value>
    public long MaxPartSize { get; set; } = OssMaxUploadSize;

    /// <summary>Gets or sets the largest PutObject body the server reads, declared (Content-Length) or chunked.</summary>
    /// <value>Default <see cref="OssMaxUploadSize"/> (5 GiB), as OSS. Range 1 byte..5 GiB. A larger body is answered <c>400 EntityTooLarge</c> and its connection closed, without reading the rest.</value>
    public long MaxPutObjectSize { get; set; } = OssMaxUploadSize;

    /// <summary>Gets or sets the largest body of any other request: the CompleteMultipartUpload XML, and the (ignored) bodies of the rest.</summary>
    /// <value>Default 4 MiB (a 10,000-part Complete body is under 1 MiB). Range 1 byte..64 MiB. A larger body is answered <c>400 EntityTooLarge</c> and its connection closed.</value>
    public int MaxXmlBodySize { get; set; } = DefaultMaxXmlBodySize;

    /// <summary>Gets or sets the slowest rate, in bytes per second, at which a request body may arrive once <see cref="MinRequestBodyDataRateGracePeriod"/> has passed.</summary>
    /// <value>
    /// Default 240, Kestrel's default. 0 turns the check off. A slower body is answered <c>400 RequestTimeout</c> and
    /// its connection closed. Only time spent waiting for body bytes counts, so <see cref="OssFaultInjector.Hold"/> and
    /// <see cref="OssFaultInjector.Delay"/> faults, which wait before the body is read, never trip it.
    /// </value>
    public double MinRequestBodyDataRate { get; set; } = 240;

    /// <summary>Gets or sets how long a request body may arrive slower than <see cref="MinRequestBodyDataRate"/> before it is cut off.</summary>
    /// <value>Default 5 seconds, Kestrel's default. More than 1 second when the rate is not 0.</value>
    public TimeSpan MinRequestBodyDataRateGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how many records <see cref="OssTestServer.Requests"/> keeps; beyond it the oldest are forgotten.</summary>
    /// <value>Default 100,000 (a few tens of MB at most). Range 1..10,000,000.</value>
    public int MaxRequestLogEntries { get; set; } = 100_000;

    /// <summary>Gets or sets the most entries one page of ListParts or ListMultipartUploads holds.</summary>
    /// <value>Default 1000, as OSS. Range 1..1000. Lower it to make a client page through a handful of parts.</value>
    public int MaxListPageSize { get; set; } = 1000;

    /// <summary>Gets or sets how long the server waits for an upload callback to answer.</summary>
    /// <value>Default 5 seconds, as OSS. Range 100 ms..5 minutes.</value>
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the factory for the server's loggers (Kestrel's included). The server never writes to the console itself.</summary>
    /// <value>Default null: no logging.</value>
    public ILoggerFactory? LoggerFactory { get; set; }
}
