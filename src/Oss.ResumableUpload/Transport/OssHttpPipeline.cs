using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Diagnostics;
using Oss.ResumableUpload.Signing;
using Polly;
using Polly.Retry;

namespace Oss.ResumableUpload.Transport;

/// <summary>
/// Sends an <see cref="OssOperation"/>: signs each attempt afresh, applies the per-attempt timeout, turns error
/// replies into <see cref="OssServiceException"/>, and retries as <see cref="TransientClassifier"/> says.
/// </summary>
internal sealed class OssHttpPipeline
{
    private static readonly ResiliencePropertyKey<AttemptState> s_stateKey = new("Oss.ResumableUpload.AttemptState");

    private readonly OssClientSettings _settings;
    private readonly HttpClient _httpClient;
    private readonly ILogger _logger;
    private readonly CredentialsCache _credentials;
    private readonly ResiliencePipeline _retry;
    private readonly TimeProvider _time;
    private long _clockOffsetTicks;

    public OssHttpPipeline(OssClientSettings settings, HttpClient httpClient, ILogger logger)
    {
        _settings = settings;
        _httpClient = httpClient;
        _logger = logger;
        _time = settings.Options.TimeProvider;
        _credentials = new CredentialsCache(settings.Options.Credentials, _time, settings.Options.CredentialsRefreshWindow);
        _retry = BuildRetryPipeline(settings.Options);
    }

    public OssClientSettings Settings => _settings;

    /// <summary>The correction added to the local clock after the server reported a skew.</summary>
    public TimeSpan ClockOffset => TimeSpan.FromTicks(Interlocked.Read(ref _clockOffsetTicks));

    public async Task<OssResponse> SendAsync(OssOperation operation, CancellationToken cancellationToken)
    {
        var state = new AttemptState(operation);
        ResilienceContext context = ResilienceContextPool.Shared.Get(operation.Name, continueOnCapturedContext: false, cancellationToken);
        context.Properties.Set(s_stateKey, state);
        using Activity? activity = OssActivitySource.Source.StartActivity(operation.Name, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("http.request.method", operation.Method.Method);
            activity.SetTag("oss.bucket", operation.Bucket);
            activity.SetTag("oss.key", operation.Key);
            if (operation.PartNumber is int part)
            {
                activity.SetTag("oss.part_number", part);
            }
        }

        try
        {
            OssResponse response = await _retry.ExecuteAsync(
                static (ctx, s) => s.Pipeline.SendOnceAsync(s.State, ctx.CancellationToken),
                context,
                (Pipeline: this, State: state)).ConfigureAwait(false);
            activity?.SetTag("http.response.status_code", response.StatusCode);
            activity?.SetTag("oss.request_id", response.RequestId);
            return response;
        }
        catch (Exception ex) when (ex is not OssException && ex is not OperationCanceledException && TransientClassifier.IsTransient(ex))
        {
            // The handler's messages may quote the reply ("Received an invalid header line: '...'").
            string reason = ServerText.Clean(ex.Message, ServerText.MaxMessageLength);
            Log.RequestFailed(_logger, operation.Name, operation.Method.Method, operation.DescribeResource(), state.Attempt, reason);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw new OssClientException(
                OssClientErrorCode.NetworkFailure,
                $"{operation.Method.Method} {operation.DescribeResource()} failed after {state.Attempt} attempt(s): {reason}",
                ex);
        }
        catch (OssClientException ex) when (ex.ErrorCode == OssClientErrorCode.InvalidResponse)
        {
            Log.ReplyRefused(_logger, operation.Name, operation.Method.Method, operation.DescribeResource(), ex.Message);
            activity?.SetStatus(ActivityStatusCode.Error, nameof(OssClientErrorCode.InvalidResponse));
            throw;
        }
        catch (OssException ex)
        {
            Log.RequestFailed(_logger, operation.Name, operation.Method.Method, operation.DescribeResource(), state.Attempt, ex.Message);
            activity?.SetStatus(ActivityStatusCode.Error, ex is OssServiceException service ? service.ErrorCode : ex.GetType().Name);
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<OssResponse> SendOnceAsync(AttemptState state, CancellationToken cancellationToken)
    {
        OssOperation operation = state.Operation;
        state.Attempt++;
        state.RetryAfter = null;
        OssCredentials credentials = await _credentials.GetAsync(state.RejectedCredentials, cancellationToken).ConfigureAwait(false);

        var headers = new Dictionary<string, string>(operation.Headers, StringComparer.OrdinalIgnoreCase);
        var signingInput = new SigningInput
        {
            Method = operation.Method.Method,
            Bucket = operation.Bucket,
            Key = operation.Key,
            Query = operation.Query,
            Headers = headers,
        };
        DateTimeOffset signingTime = _time.GetUtcNow() + ClockOffset;
        string authorization = _settings.Options.SignatureVersion == OssSignatureVersion.V4
            ? OssV4Signer.Sign(signingInput, credentials, signingTime, _settings.Region!)
            : OssV1Signer.Sign(signingInput, credentials, signingTime);

        Uri uri = _settings.BuildUri(operation.Bucket, operation.EscapedKeyPath, operation.BuildEscapedQuery());
        using var request = new HttpRequestMessage(operation.Method, uri);
        HttpContent? content = operation.Body?.CreateContent(operation.BytesSentInAttempt);
        if (content is null && (operation.Method == HttpMethod.Put || operation.Method == HttpMethod.Post))
        {
            content = new ByteArrayContent([]);
        }

        request.Content = content;
        foreach (KeyValuePair<string, string> header in headers)
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

        bool debug = _logger.IsEnabled(LogLevel.Debug);
        if (debug)
        {
            Log.RequestStart(_logger, operation.Name, operation.Method.Method, operation.DescribeResource(), state.Attempt);
        }

        long started = _time.GetTimestamp();
        TimeSpan timeout = _settings.Options.RequestTimeout;
        using var timeoutSource = timeout == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);

        HttpResponseMessage response;
        byte[] body;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            try
            {
                if (RedirectGuard.Check(operation, uri, response, OssResponse.RequestIdOf(response.Headers)) is { } redirected)
                {
                    throw redirected;
                }

                body = await ResponseBodyReader.ReadAsync(response.Content, operation.Method == HttpMethod.Head, _settings.MaxResponseBodySize, linked.Token).ConfigureAwait(false)
                    ?? throw Oversized(operation, response, _settings.MaxResponseBodySize);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && timeoutSource.IsCancellationRequested)
        {
            throw new TimeoutException($"{operation.Method.Method} {operation.DescribeResource()} got no complete reply within {timeout.TotalSeconds:0.###} s.", ex);
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

            OssServiceException error = ErrorReplyMapper.Map(operation, reply);
            if (error.ErrorCode == TransientClassifier.RequestTimeTooSkewed && response.Headers.Date is DateTimeOffset serverDate)
            {
                TimeSpan offset = serverDate - _time.GetUtcNow();
                if (offset.Duration() > ReplyValues.MaxClockCorrection)
                {
                    // Signing with a date years away would only fail again; a server that claims it is lying or broken.
                    throw ProtocolViolation.Create(
                        string.Create(CultureInfo.InvariantCulture, $"{operation.Method.Method} {operation.DescribeResource()} was refused as RequestTimeTooSkewed, but the reply's Date header ({serverDate:r}) is {offset.TotalDays:0} days from the local clock; the library corrects at most {ReplyValues.MaxClockCorrection.TotalDays:0} days. Check the local clock"),
                        reply.RequestId,
                        error);
                }

                state.SkewOffset = offset;
            }
            else if (error.ErrorCode == TransientClassifier.SecurityTokenExpired)
            {
                state.RejectedCredentials = credentials;
            }

            state.RetryAfter = ServerDelay.Read(response.Headers, _time.GetUtcNow() + ClockOffset, _settings.Options.MaxRetryDelay);
            throw error;
        }
    }

    private static OssClientException Oversized(OssOperation operation, HttpResponseMessage response, long limit)
    {
        long? declared = response.Content.Headers.ContentLength;
        string detail = string.Create(
            CultureInfo.InvariantCulture,
            $"{operation.Method.Method} {operation.DescribeResource()} was answered {(int)response.StatusCode} with a body over the limit of {limit} bytes");
        if (declared is long length)
        {
            detail += string.Create(CultureInfo.InvariantCulture, $" (Content-Length {length})");
        }

        return ProtocolViolation.Create(detail, OssResponse.RequestIdOf(response.Headers));
    }

    private static bool IsContentHeader(string name)
        => name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase) || name.Equals("Expires", StringComparison.OrdinalIgnoreCase);

    private ResiliencePipeline BuildRetryPipeline(OssClientOptions options)
    {
        int transientBudget = options.MaxRetryAttempts;
        var retry = new RetryStrategyOptions
        {
            // Two extra attempts are reserved for the one-off fixes (clock skew, expired token); transient
            // failures are limited to MaxRetryAttempts in ShouldHandle.
            MaxRetryAttempts = transientBudget + 2,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = options.MaxRetryDelay,
            ShouldHandle = args =>
            {
                AttemptState? state = args.Context.Properties.GetValue(s_stateKey, null!);
                Exception? exception = args.Outcome.Exception;
                if (state is null || exception is null || args.Context.CancellationToken.IsCancellationRequested)
                {
                    return ValueTask.FromResult(false);
                }

                state.PendingFix = null;
                if (exception is OssServiceException { ErrorCode: TransientClassifier.RequestTimeTooSkewed } && !state.SkewFixed && state.SkewOffset is TimeSpan offset)
                {
                    state.SkewFixed = true;
                    state.PendingFix = "clock skew";
                    Interlocked.Exchange(ref _clockOffsetTicks, offset.Ticks);
                    Log.ClockSkewCorrected(_logger, offset.TotalSeconds);
                    return ValueTask.FromResult(true);
                }

                if (exception is OssServiceException { ErrorCode: TransientClassifier.SecurityTokenExpired } && !state.TokenRefreshed)
                {
                    state.TokenRefreshed = true;
                    state.PendingFix = "expired token";
                    Log.CredentialsRefreshed(_logger);
                    return ValueTask.FromResult(true);
                }

                if (TransientClassifier.IsTransient(exception) && state.TransientRetries < transientBudget)
                {
                    state.TransientRetries++;
                    return ValueTask.FromResult(true);
                }

                return ValueTask.FromResult(false);
            },
            DelayGenerator = args =>
            {
                AttemptState? state = args.Context.Properties.GetValue(s_stateKey, null!);
                if (state?.PendingFix is not null)
                {
                    return ValueTask.FromResult<TimeSpan?>(TimeSpan.Zero);
                }

                if (state?.RetryAfter is TimeSpan wait)
                {
                    return ValueTask.FromResult<TimeSpan?>(wait < options.MaxRetryDelay ? wait : options.MaxRetryDelay);
                }

                return ValueTask.FromResult<TimeSpan?>(null);
            },
            OnRetry = args =>
            {
                AttemptState? state = args.Context.Properties.GetValue(s_stateKey, null!);
                if (state is not null)
                {
                    Exception? exception = args.Outcome.Exception;
                    string reason = state.PendingFix ?? DescribeFailure(exception);
                    Log.RequestRetry(_logger, state.Operation.Name, state.Operation.Method.Method, state.Operation.DescribeResource(), state.Attempt, reason, (long)args.RetryDelay.TotalMilliseconds, (exception as OssServiceException)?.RequestId);
                }

                return default;
            },
        };

        return new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider }.AddRetry(retry).Build();
    }

    private static string DescribeFailure(Exception? exception) => exception switch
    {
        OssServiceException service => service.StatusCode.ToString(CultureInfo.InvariantCulture) + " " + service.ErrorCode,
        null => "unknown",
        OssException => exception.Message,
        _ => exception.GetType().Name + ": " + ServerText.Clean(exception.Message, ServerText.MaxMessageLength),
    };

    private sealed class AttemptState(OssOperation operation)
    {
        public OssOperation Operation { get; } = operation;

        public int Attempt { get; set; }

        public int TransientRetries { get; set; }

        public bool SkewFixed { get; set; }

        public TimeSpan? SkewOffset { get; set; }

        public bool TokenRefreshed { get; set; }

        public OssCredentials? RejectedCredentials { get; set; }

        public TimeSpan? RetryAfter { get; set; }

        public string? PendingFix { get; set; }
    }
}
