using Microsoft.Extensions.Logging;
using Polly;

namespace Oss.ResumableUpload;

/// <summary>Configures an <see cref="OssClient"/>. Values are validated once, when the client is constructed.</summary>
public sealed class OssClientOptions
{
    /// <summary>Gets the service endpoint, for example <c>https://oss-cn-hangzhou.aliyuncs.com</c> or <c>http://127.0.0.1:9000</c>.</summary>
    /// <value>Required. An absolute http or https URI with no query.</value>
    /// <remarks>
    /// A plain <c>http://</c> endpoint that is not loopback (<c>localhost</c>, <c>127.0.0.0/8</c>, <c>::1</c>) is
    /// accepted, but the client logs one warning (event id 1500) when it is built: the object's data, its metadata and
    /// any STS security token would cross the network unencrypted.
    /// </remarks>
    public required Uri Endpoint { get; init; }

    /// <summary>Gets the region id used by Signature V4, for example <c>cn-hangzhou</c>.</summary>
    /// <value>Default null: inferred from an <c>oss-&lt;region&gt;.aliyuncs.com</c> endpoint. V4 fails at construction when it can be neither given nor inferred.</value>
    public string? Region { get; init; }

    /// <summary>Gets the source of the credentials that sign requests.</summary>
    /// <value>Required.</value>
    public required IOssCredentialsProvider Credentials { get; init; }

    /// <summary>Gets the signature algorithm.</summary>
    /// <value>Default <see cref="OssSignatureVersion.V4"/>.</value>
    public OssSignatureVersion SignatureVersion { get; init; } = OssSignatureVersion.V4;

    /// <summary>Gets a value indicating whether the bucket goes in the path (<c>endpoint/bucket/key</c>) instead of the host name.</summary>
    /// <value>Default false: virtual-hosted style (<c>bucket.endpoint/key</c>). Path style is always used for IP-address and localhost endpoints.</value>
    public bool UsePathStyle { get; init; }

    /// <summary>
    /// Gets the factory for the client's loggers, one per area: <see cref="OssDiagnostics.LogCategories.Transport"/>,
    /// <see cref="OssDiagnostics.LogCategories.Engine"/>, <see cref="OssDiagnostics.LogCategories.Checkpoints"/>
    /// (the checkpoint files of <see cref="ResumableUploadRequest.CheckpointDirectory"/>) and
    /// <see cref="OssDiagnostics.LogCategories.Directories"/> (directory uploads). Event ids are in <see cref="OssDiagnostics.EventIds"/>.
    /// </summary>
    /// <value>Default null: no logging.</value>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Gets the clock used for request dates, signatures, credential expiry and retry delays.</summary>
    /// <value>Default <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets how many times a failed request is retried after the first attempt.</summary>
    /// <value>Default 3. Range 0..10. 0 disables retries.</value>
    public int MaxRetryAttempts { get; init; } = 3;

    /// <summary>Gets the delay before the first retry; later delays grow exponentially with jitter.</summary>
    /// <value>Default 200 ms. Range 0..1 minute.</value>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets the longest delay between two attempts, including delays the server asks for with <c>Retry-After</c>.</summary>
    /// <value>Default 20 s. Range 0..5 minutes, and not below <see cref="RetryBaseDelay"/>.</value>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Gets the time one attempt may take, from sending the request to reading the whole reply.</summary>
    /// <value>Default 5 minutes. Range 1 s..1 hour, or <see cref="Timeout.InfiniteTimeSpan"/>. Part uploads of very large parts over slow links may need more.</value>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets a Polly pipeline that replaces the library's retries of transient failures, for callers who want their own
    /// strategies (a retry with other delays, a circuit breaker, a rate limiter, a total timeout, their telemetry).
    /// </summary>
    /// <value>
    /// Default null: the library's own policy (<see cref="MaxRetryAttempts"/>, <see cref="RetryBaseDelay"/>,
    /// <see cref="MaxRetryDelay"/>, the server's <c>Retry-After</c>). When set, those three options are not used.
    /// </value>
    /// <remarks>
    /// <para>
    /// The pipeline runs once per request (each part, each Initiate, Complete, ListParts...) with
    /// <see cref="ResilienceContext.OperationKey"/> set to the operation's name (for example <c>UploadPart</c>). Each
    /// execution of its callback is one attempt: signed afresh, a new message, the body sent again from its first byte,
    /// so every attempt can be retried. An attempt returns, or throws one of:
    /// an <see cref="OssServiceException"/> (an error reply), an <see cref="OssClientException"/> (a connection failure is
    /// <see cref="OssClientErrorCode.NetworkFailure"/>, any timeout not of the pipeline's token is
    /// <see cref="OssClientErrorCode.RequestTimeout"/>, a reply the library refuses is
    /// <see cref="OssClientErrorCode.InvalidResponse"/>), or an <see cref="OperationCanceledException"/> when the token the
    /// pipeline passed is cancelled. Retry when <see cref="OssException.IsTransient"/> is true; the default
    /// <c>ShouldHandle</c> of Polly's retry would also retry refusals such as <c>AccessDenied</c>.
    /// </para>
    /// <para>
    /// The one-off fixes stay inside each attempt: a RequestTimeTooSkewed reply is re-sent at once with the corrected
    /// clock, and a SecurityTokenExpired one with refreshed credentials. Whatever leaves the pipeline is still mapped:
    /// a <c>TimeoutRejectedException</c> of its timeout strategy becomes <see cref="OssClientErrorCode.RequestTimeout"/>.
    /// Hedging is not supported: attempts of one request must not overlap (an overlapping one throws
    /// <see cref="InvalidOperationException"/>).
    /// </para>
    /// </remarks>
    public ResiliencePipeline? RetryPipeline { get; init; }

    /// <summary>Gets how long before <see cref="OssCredentials.Expiration"/> cached credentials are refreshed.</summary>
    /// <value>Default 5 minutes. Range 0..1 hour.</value>
    public TimeSpan CredentialsRefreshWindow { get; init; } = TimeSpan.FromMinutes(5);
}
