using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Diagnostics;
using Oss.ResumableUpload.Signing;

namespace Oss.ResumableUpload.Transport;

/// <summary>
/// Sends an <see cref="OssOperation"/>: signs each attempt afresh, builds its message, applies the per-attempt timeout
/// and reads the reply. Error replies become exceptions through <see cref="ErrorReplyMapper"/>; which of them are
/// sent again, and when, is <see cref="OssRetryPolicy"/>'s decision.
/// </summary>
internal sealed class OssHttpPipeline
{
    private readonly ResolvedClientOptions _settings;
    private readonly HttpClient _httpClient;
    private readonly ILogger _logger;
    private readonly CredentialsCache _credentials;
    private readonly OssRetryPolicy _retry;
    private readonly Func<AttemptState, CancellationToken, ValueTask<OssResponse>> _sendOnce;
    private readonly TimeProvider _time;
    private long _clockOffsetTicks;

    public OssHttpPipeline(ResolvedClientOptions settings, HttpClient httpClient, ILogger logger)
    {
        _settings = settings;
        _httpClient = httpClient;
        _logger = logger;
        _time = settings.Options.TimeProvider;
        _credentials = new CredentialsCache(settings.Options.Credentials, _time, settings.Options.CredentialsRefreshWindow);
        _retry = new OssRetryPolicy(settings.Options, logger, offset => Interlocked.Exchange(ref _clockOffsetTicks, offset.Ticks));
        _sendOnce = SendOnceAsync;
    }

    public ResolvedClientOptions Settings => _settings;

    /// <summary>The correction added to the local clock after the server reported a skew.</summary>
    public TimeSpan ClockOffset => TimeSpan.FromTicks(Interlocked.Read(ref _clockOffsetTicks));

    /// <summary>The credentials cache every request signs from; presigning reads it synchronously.</summary>
    public CredentialsCache Credentials => _credentials;

    /// <summary>The time to sign with: the client's clock plus the correction learned from a skew reply.</summary>
    public DateTimeOffset SigningTime => _time.GetUtcNow() + ClockOffset;

    public async Task<OssResponse> SendAsync(OssOperation operation, CancellationToken cancellationToken)
    {
        var state = new AttemptState(operation);
        using RequestTelemetry telemetry = RequestTelemetry.Start(operation, _settings.Endpoint, _time);
        try
        {
            OssResponse response;
            if (_retry.RunsFirstAttemptOutside)
            {
                // The first attempt, as OssRetryPolicy.ExecuteAsync would run it, without its async frame.
                cancellationToken.ThrowIfCancellationRequested();
                OssResponse? first = null;
                try
                {
                    first = await SendOnceAsync(state, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    state.ReplayedFailure = ExceptionDispatchInfo.Capture(ex);
                }

                response = first ?? await _retry.RetryAsync(state, _sendOnce, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                response = await _retry.ExecuteAsync(state, _sendOnce, cancellationToken).ConfigureAwait(false);
            }

            telemetry.Succeeded(response, state.Attempt);
            return response;
        }
        catch (Exception ex) when (ErrorReplyMapper.IsTransportFailure(ex, cancellationToken))
        {
            string reason = ErrorReplyMapper.DescribeNetworkFailure(ex);
            Log.RequestFailed(_logger, operation.Name, operation.Method.Method, operation.DescribeResource(), state.Attempt, reason);
            OssClientException failure = ErrorReplyMapper.TransportFailure(operation, state.Attempt, reason, ex);
            telemetry.Failed(failure, state.Attempt, cancellationToken);
            throw failure;
        }
        catch (OssClientException ex) when (ex.ErrorCode == OssClientErrorCode.InvalidResponse)
        {
            Log.ReplyRefused(_logger, operation.Name, operation.Method.Method, operation.DescribeResource(), ex.Message);
            telemetry.Failed(ex, state.Attempt, cancellationToken);
            throw;
        }
        catch (OssException ex)
        {
            Log.RequestFailed(_logger, operation.Name, operation.Method.Method, operation.DescribeResource(), state.Attempt, ex.Message);
            telemetry.Failed(ex, state.Attempt, cancellationToken);
            throw;
        }
        catch (Exception ex)
        {
            telemetry.Failed(ex, state.Attempt, cancellationToken);
            throw;
        }
    }

    private async ValueTask<OssResponse> SendOnceAsync(AttemptState state, CancellationToken cancellationToken)
    {
        OssOperation operation = state.Operation;
        state.Attempt++;
        state.RetryAfter = null;
        OssCredentials credentials = await _credentials.GetAsync(state.RejectedCredentials, cancellationToken).ConfigureAwait(false);

        string authorization = Sign(state, credentials);
        Uri uri = _settings.BuildUri(operation.Bucket, operation.EscapedKeyPath, operation.BuildEscapedQuery());
        using HttpRequestMessage request = CreateMessage(operation, uri, authorization);

        bool debug = _logger.IsEnabled(LogLevel.Debug);
        if (debug)
        {
            Log.RequestStart(_logger, operation.Name, operation.Method.Method, operation.DescribeResource(), state.Attempt);
        }

        long started = _time.GetTimestamp();
        TimeSpan timeout = _settings.Options.RequestTimeout;
        // One source per attempt, cancelled by its timer or by the caller's token through one registration: no linked
        // source. Without a timeout the caller's token is used as it is. Only the caller's token (checked first by
        // AttemptTimeout.IsTimeout) tells a caller's cancel from a timeout, so the shared source changes no outcome.
        using CancellationTokenSource? timeoutSource = timeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(timeout, _time);
        using CancellationTokenRegistration forwarded = timeoutSource is null ? default : cancellationToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), timeoutSource);
        CancellationToken attemptToken = timeoutSource?.Token ?? cancellationToken;

        HttpResponseMessage response;
        byte[] body;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptToken).ConfigureAwait(false);
            try
            {
                if (RedirectGuard.Check(operation, uri, response) is { } redirected)
                {
                    throw redirected;
                }

                body = await ResponseBodyReader.ReadAsync(response.Content, operation.Method == HttpMethod.Head, _settings.MaxResponseBodySize, attemptToken).ConfigureAwait(false)
                    ?? throw ErrorReplyMapper.Oversized(operation, response, _settings.MaxResponseBodySize);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
        catch (Exception ex) when (AttemptTimeout.IsTimeout(ex, cancellationToken))
        {
            // Not the caller's cancel: the library's, the HttpClient's or a handler's timeout. Retried as transient.
            throw AttemptTimeout.Create(operation, ex, timeoutSource?.IsCancellationRequested == true, timeout, _httpClient.Timeout);
        }

        using (response)
        {
            int status = (int)response.StatusCode;
            var reply = new OssResponse(status, response.Headers, response.Content.Headers, body);
            if (debug)
            {
                Log.RequestEnd(_logger, operation.Name, operation.Method.Method, operation.DescribeResource(), status, (long)_time.GetElapsedTime(started).TotalMilliseconds, reply.RequestId);
            }

            bool callbackFailed = status == 203 && operation.HasCallback;
            if (status is >= 200 and < 300 && !callbackFailed)
            {
                return reply;
            }

            throw Refuse(state, credentials, response, reply);
        }
    }

    /// <summary>
    /// Signs the operation's headers as they are now. The signer sets its own (Date, x-oss-date, ...) on the operation's
    /// headers rather than on a copy: each attempt sets them afresh, and a token set by an earlier attempt is removed
    /// when the credentials no longer have one.
    /// </summary>
    private string Sign(AttemptState state, OssCredentials credentials)
    {
        OssOperation operation = state.Operation;
        if (state.SignedWithToken && credentials.SecurityToken is null)
        {
            operation.Headers.Remove("x-oss-security-token");
        }

        state.SignedWithToken = credentials.SecurityToken is not null;
        var signingInput = new SigningInput
        {
            Method = operation.Method.Method,
            Bucket = operation.Bucket,
            Key = operation.Key,
            Query = operation.Query,
            Headers = operation.Headers,
        };
        DateTimeOffset signingTime = SigningTime;
        return _settings.Options.SignatureVersion == OssSignatureVersion.V4
            ? OssV4Signer.Sign(signingInput, credentials, signingTime, _settings.Region!)
            : OssV1Signer.Sign(signingInput, credentials, signingTime);
    }

    private static HttpRequestMessage CreateMessage(OssOperation operation, Uri uri, string authorization)
    {
        var request = new HttpRequestMessage(operation.Method, uri);
        HttpContent? content = operation.Body?.CreateContent(operation.BytesSentInAttempt);
        if (content is null && (operation.Method == HttpMethod.Put || operation.Method == HttpMethod.Post))
        {
            content = new ByteArrayContent([]);
        }

        request.Content = content;
        foreach (KeyValuePair<string, string> header in operation.Headers)
        {
            if (IsContentHeader(header.Key))
            {
                content?.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }

    /// <summary>Maps an error reply and records in <paramref name="state"/> what the retry policy needs to know about it.</summary>
    private OssException Refuse(AttemptState state, OssCredentials credentials, HttpResponseMessage response, OssResponse reply)
    {
        OssOperation operation = state.Operation;
        OssServiceException error = ErrorReplyMapper.Map(operation, reply);
        if (error.ErrorCode == TransientClassifier.RequestTimeTooSkewed && response.Headers.Date is DateTimeOffset serverDate)
        {
            TimeSpan offset = serverDate - _time.GetUtcNow();
            if (offset.Duration() > ReplyValues.MaxClockCorrection)
            {
                return ErrorReplyMapper.ImplausibleClock(operation, serverDate, offset, reply.RequestId, error);
            }

            state.SkewOffset = offset;
        }
        else if (error.ErrorCode == TransientClassifier.SecurityTokenExpired)
        {
            state.RejectedCredentials = credentials;
        }

        state.RetryAfter = ServerDelay.Read(response.Headers, _time.GetUtcNow() + ClockOffset, _settings.Options.MaxRetryDelay);
        return error;
    }

    private static bool IsContentHeader(string name)
        => name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase) || name.Equals("Expires", StringComparison.OrdinalIgnoreCase);
}
