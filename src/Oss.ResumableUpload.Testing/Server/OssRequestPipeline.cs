using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Oss.ResumableUpload.Testing;

/// <summary>
/// Handles one HTTP request end to end: common reply headers, routing, the signature check, bucket lookup, faults,
/// the operation, the reply (or error XML), and the request log.
/// </summary>
internal sealed class OssRequestPipeline
{
    private const long KestrelBackstopAllowance = 2 * 1024 * 1024;
    private readonly ServerRuntime _runtime;
    private readonly BucketHandlers _buckets;
    private readonly ObjectHandlers _objects;
    private readonly MultipartHandlers _multipart;

    public OssRequestPipeline(ServerRuntime runtime)
    {
        _runtime = runtime;
        _buckets = new BucketHandlers(runtime);
        _objects = new ObjectHandlers(runtime);
        _multipart = new MultipartHandlers(runtime, _objects);
    }

    public static string HostId(OssRequestContext request)
    {
        string host = request.Http.Request.Host.HasValue ? request.Http.Request.Host.Value! : "localhost";
        return request.Bucket is null || host.StartsWith(request.Bucket + ".", StringComparison.Ordinal) ? host : request.Bucket + "." + host;
    }

    public async Task HandleAsync(HttpContext http)
    {
        DateTimeOffset received = _runtime.Time.GetUtcNow();
        string requestId = _runtime.NextRequestId();
        IHeaderDictionary headers = http.Response.Headers;
        headers["x-oss-request-id"] = requestId;
        headers.Server = "AliyunOSS";
        headers.Date = RequestChecks.HttpDate(received);

        string rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "/";
        OssRequestTarget target = OssRequestTarget.Parse(rawTarget, http.Request.Headers.Host.ToString());
        OssOperationKind operation = OperationClassifier.Classify(http.Request.Method, target);
        var request = new OssRequestContext(http, requestId, target, operation)
        {
            MaxBodySize = RequestChecks.MaxBodySize(operation, _runtime.Options),
        };

        // The body readers enforce the cap exactly. Kestrel's own limit is the backstop that stops it draining an
        // oversized body after the error reply. It counts chunk framing and whatever it has buffered ahead of the
        // reader (up to 1 MiB), hence the allowance above the cap.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = request.MaxBodySize + (request.MaxBodySize / 16) + KestrelBackstopAllowance;
        }

        (int status, string? errorCode, string? abortReason) = await ProcessAsync(request).ConfigureAwait(false);

        var record = new OssRequestRecord
        {
            Sequence = _runtime.RequestLog.NextSequence(),
            RequestId = requestId,
            Operation = operation,
            Method = request.Method,
            BucketName = target.Bucket,
            ObjectKey = target.Key,
            UploadId = request.UploadId,
            PartNumber = operation == OssOperationKind.UploadPart ? request.PartNumber : null,
            BodyBytesReceived = request.BodyBytesReceived,
            StatusCode = abortReason is null ? status : 0,
            ErrorCode = errorCode,
            ConnectionAborted = abortReason is not null,
            Faults = request.Faults.Applied.ToArray(),
            Timestamp = received,
        };
        _runtime.RequestLog.Add(record);
        if (abortReason is null)
        {
            Log.RequestCompleted(_runtime.Logger, request.Method, operation, target.Bucket, target.Key, record.PartNumber, status, errorCode, record.BodyBytesReceived, requestId);
        }
        else
        {
            Log.RequestAborted(_runtime.Logger, request.Method, operation, record.BodyBytesReceived, requestId, abortReason);
        }
    }

    private async Task<(int Status, string? ErrorCode, string? AbortReason)> ProcessAsync(OssRequestContext request)
    {
        HttpContext http = request.Http;
        try
        {
            OssError error;
            try
            {
                return await PerformAsync(request).ConfigureAwait(false);
            }
            catch (OssErrorException ex)
            {
                error = ex.Error;
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                error = OssError.EntityTooLarge(request.BodyBytesReceived, request.MaxBodySize);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status408RequestTimeout)
            {
                // The body arrived slower than MinRequestBodyDataRate.
                error = OssError.RequestTimeout();
            }

            if (http.Response.HasStarted)
            {
                http.Abort();
                return (0, error.Code, "the reply had started when the operation failed");
            }

            if (!await DrainOrCloseAsync(request, error).ConfigureAwait(false))
            {
                http.Abort();
                return (0, error.Code, "the body could not be read");
            }

            await WriteErrorAsync(request, error).ConfigureAwait(false);
            return (error.StatusCode, error.Code, null);
        }
        catch (Exception ex) when (IsClientGone(ex, http))
        {
            http.Abort();
            return (0, null, "the client went away: " + ex.GetType().Name);
        }
        catch (Exception ex)
        {
            Log.RequestFailed(_runtime.Logger, request.RequestId, ex);
            if (http.Response.HasStarted)
            {
                http.Abort();
                return (0, "InternalError", "the server failed while replying");
            }

            try
            {
                OssError error = OssError.InternalError();
                await DrainOrCloseAsync(request, error).ConfigureAwait(false);
                await WriteErrorAsync(request, error).ConfigureAwait(false);
                return (500, "InternalError", null);
            }
            catch (Exception inner) when (IsClientGone(inner, http))
            {
                http.Abort();
                return (0, "InternalError", "the client went away");
            }
        }
    }

    /// <summary>
    /// Gets the request ready for an error reply: reads the rest of its body, so the client sees the reply rather than
    /// a broken upload, but never past the operation's cap. A body over the cap, or too slow, is left unread and the
    /// connection is closed after the reply, as OSS does.
    /// </summary>
    /// <returns>False when the body could not be read (the caller aborts).</returns>
    private static async Task<bool> DrainOrCloseAsync(OssRequestContext request, OssError error)
    {
        if (error.Code is not (OssError.EntityTooLargeCode or OssError.RequestTimeoutCode))
        {
            try
            {
                return await RequestBodyReader.DrainAsync(request, limit: null, request.Aborted).ConfigureAwait(false);
            }
            catch (OssErrorException ex) when (ex.Error.Code == OssError.EntityTooLargeCode)
            {
                // Over the cap: stop reading and close, below.
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                // Over Kestrel's backstop: the same.
            }
        }

        request.Http.Response.Headers.Connection = "close";
        return true;
    }

    private async Task<(int Status, string? ErrorCode, string? AbortReason)> PerformAsync(OssRequestContext request)
    {
        HttpContext http = request.Http;
        if (_runtime.Options.VerifySignatures && _runtime.Authenticator.Authenticate(ToView(request)) is { } authError)
        {
            throw authError.ToException();
        }

        // Nothing about the request is kept before this point: it is authenticated now.
        request.AttachUploadCounters(_runtime.State);

        if (request.Operation == OssOperationKind.Unknown)
        {
            throw OssError.NotImplemented($"The OSS test server does not implement {request.Method} {request.Http.Request.Path}{request.Http.Request.QueryString}.").ToException();
        }

        if (request.Operation != OssOperationKind.PutBucket)
        {
            lock (_runtime.State.Gate)
            {
                if (!_runtime.State.Buckets.ContainsKey(request.Bucket!))
                {
                    throw OssError.NoSuchBucket(request.Bucket!).ToException();
                }
            }
        }

        FaultPlan plan = _runtime.Faults.Take(request.Operation, request.PartNumber);
        request.Faults = plan;
        if (plan.Delay > TimeSpan.Zero)
        {
            await Task.Delay(plan.Delay, request.Aborted).ConfigureAwait(false);
        }

        foreach (OssFault hold in plan.Holds)
        {
            await hold.WaitForReleaseAsync(request.Aborted).ConfigureAwait(false);
        }

        if (plan.Terminal is { } terminal)
        {
            switch (terminal.Kind)
            {
                case OssFaultKind.ResetConnection:
                    await RequestBodyReader.DrainAsync(request, terminal.AfterBodyBytes, request.Aborted).ConfigureAwait(false);
                    http.Abort();
                    return (0, null, "fault: reset connection");
                case OssFaultKind.RequestTimeTooSkewed:
                    DateTimeOffset now = _runtime.Time.GetUtcNow();
                    DateTimeOffset requestTime = RequestAuthenticator.TryParseHttpDate(request.Header("Date"), out DateTimeOffset date) ? date : now;
                    throw OssError.RequestTimeTooSkewed(requestTime, now, _runtime.Options.MaxClockSkew).ToException();
                case OssFaultKind.SecurityTokenExpired:
                    throw OssError.SecurityTokenExpired().ToException();
                default:
                    throw new OssError(terminal.StatusCode, terminal.ErrorCode, terminal.Message ?? $"Injected fault: {terminal.ErrorCode}.").ToException();
            }
        }

        if (!ReadsBody(request.Operation))
        {
            // An ignored body is read (within its cap) before the operation runs, so an oversized one changes nothing.
            await RequestBodyReader.DrainAsync(request, limit: null, request.Aborted).ConfigureAwait(false);
        }

        OssReply reply = await DispatchAsync(request).ConfigureAwait(false);
        foreach (OssFault hold in plan.ResponseHolds)
        {
            await hold.WaitForReleaseAsync(request.Aborted).ConfigureAwait(false);
        }

        if (plan.DropResponse)
        {
            await RequestBodyReader.DrainAsync(request, limit: null, request.Aborted).ConfigureAwait(false);
            http.Abort();
            return (0, null, "fault: drop response");
        }

        if (!request.BodyConsumed)
        {
            await RequestBodyReader.DrainAsync(request, limit: null, request.Aborted).ConfigureAwait(false);
        }

        await WriteReplyAsync(request, reply).ConfigureAwait(false);
        return (reply.StatusCode, reply.StatusCode == 203 ? "CallbackFailed" : null, null);
    }

    private static bool ReadsBody(OssOperationKind operation)
        => operation is OssOperationKind.PutObject or OssOperationKind.UploadPart or OssOperationKind.CompleteMultipartUpload;

    private Task<OssReply> DispatchAsync(OssRequestContext request) => request.Operation switch
    {
        OssOperationKind.PutBucket => _buckets.PutBucketAsync(request),
        OssOperationKind.PutObject => _objects.PutAsync(request),
        OssOperationKind.GetObject => _objects.GetAsync(request, headOnly: false),
        OssOperationKind.HeadObject => _objects.GetAsync(request, headOnly: true),
        OssOperationKind.DeleteObject => _objects.DeleteAsync(request),
        OssOperationKind.InitiateMultipartUpload => _multipart.InitiateAsync(request),
        OssOperationKind.UploadPart => _multipart.UploadPartAsync(request),
        OssOperationKind.ListParts => _multipart.ListPartsAsync(request),
        OssOperationKind.CompleteMultipartUpload => _multipart.CompleteAsync(request),
        OssOperationKind.AbortMultipartUpload => _multipart.AbortAsync(request),
        OssOperationKind.ListMultipartUploads => _multipart.ListUploadsAsync(request),
        _ => throw OssError.NotImplemented("Not implemented.").ToException(),
    };

    private static async Task WriteReplyAsync(OssRequestContext request, OssReply reply)
    {
        HttpResponse response = request.Http.Response;
        bool head = HttpMethods.IsHead(request.Method);
        response.StatusCode = reply.StatusCode;
        foreach (KeyValuePair<string, string> header in reply.Headers)
        {
            response.Headers.Append(header.Key, header.Value);
        }

        if (reply.ContentType is not null)
        {
            response.ContentType = reply.ContentType;
        }

        if (reply.Body is not null)
        {
            response.ContentLength = reply.Body.Length;
            if (!head)
            {
                await response.Body.WriteAsync(reply.Body, request.Aborted).ConfigureAwait(false);
            }
        }
        else if (reply.WriteBody is not null || head)
        {
            response.ContentLength = reply.StreamedLength;
            if (!head && reply.WriteBody is not null)
            {
                await reply.WriteBody(response.Body, request.Aborted).ConfigureAwait(false);
            }
        }
        else if (reply.StatusCode != 204)
        {
            response.ContentLength = 0;
        }
    }

    private static async Task WriteErrorAsync(OssRequestContext request, OssError error)
    {
        HttpResponse response = request.Http.Response;
        byte[] xml = XmlReply.Error(error, request.RequestId, HostId(request));
        response.StatusCode = error.StatusCode;
        response.Headers["x-oss-ec"] = error.Ec;
        response.ContentType = "application/xml";
        if (HttpMethods.IsHead(request.Method))
        {
            response.Headers["x-oss-err"] = Convert.ToBase64String(xml);
            response.ContentLength = 0;
            return;
        }

        response.ContentLength = xml.Length;
        await response.Body.WriteAsync(xml, request.Aborted).ConfigureAwait(false);
    }

    private static SignedRequestView ToView(OssRequestContext request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, StringValues> header in request.Http.Request.Headers)
        {
            headers[header.Key] = header.Value.Count == 1 ? header.Value[0]! : string.Join(',', header.Value.ToArray());
        }

        return new SignedRequestView
        {
            Method = request.Method,
            Bucket = request.Bucket,
            Key = request.Key,
            Query = request.Target.Query,
            Headers = headers,
        };
    }

    private static bool IsClientGone(Exception ex, HttpContext http)
        => http.RequestAborted.IsCancellationRequested
           || ex is OperationCanceledException or IOException or SocketException or ConnectionResetException or ConnectionAbortedException
           || ex is BadHttpRequestException;
}
