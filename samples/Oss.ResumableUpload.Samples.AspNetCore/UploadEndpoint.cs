using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Oss.ResumableUpload.Samples.AspNetCore;

/// <summary><c>PUT /objects/{**key}</c>: streams the request body to <c>oss://{Upload:Bucket}/{key}</c>.</summary>
internal static class UploadEndpoint
{
    /// <summary>Uploads the body and answers 201 with the object's ETag and CRC-64, or a problem (RFC 9457).</summary>
    public static async Task<IResult> HandleAsync(string key, HttpContext context, OssClient oss, IOptions<UploadSettings> options, ILoggerFactory loggers)
    {
        UploadSettings settings = options.Value;
        ILogger logger = loggers.CreateLogger(typeof(UploadEndpoint));

        if (ObjectKeyRules.Check(key) is string keyProblem)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid object key", detail: keyProblem);
        }

        string? contentType = context.Request.ContentType;
        if (contentType is not null && !MediaTypeHeaderValue.TryParse(contentType, out _))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid Content-Type", detail: "The Content-Type header is not a media type.");
        }

        // Kestrel stops a body at 30 MB unless told otherwise; this endpoint sets its own limit before reading.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = settings.MaxRequestBodySize;
        }

        var request = new ResumableUploadRequest
        {
            BucketName = settings.Bucket!,
            ObjectKey = key,
            UploadStream = context.Request.Body, // non-seekable: read once, in parts; never disposed by the library
            ContentType = contentType,
            PartSize = settings.PartSize,
            MaxConcurrency = settings.MaxConcurrency,
        };

        try
        {
            ResumableUploadResult result = await oss.ResumableUploadAsync(request, context.RequestAborted);
            Log.Uploaded(logger, result.BucketName, result.ObjectKey, result.ContentLength, result.UploadId is not null);
            context.Response.Headers.ETag = result.ETag;
            return Results.Created(
                "/objects/" + Uri.EscapeDataString(key).Replace("%2F", "/", StringComparison.Ordinal),
                new UploadResponse(result.BucketName, result.ObjectKey, result.ETag, result.HashCrc64Ecma?.ToString(System.Globalization.CultureInfo.InvariantCulture), result.ContentLength, result.UploadId, result.RequestId));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; the library has aborted the multipart upload. Nobody is left to answer.
            Log.Aborted(logger, key);
            return Results.Empty;
        }
        catch (Exception ex) when (UploadProblems.TryMap(ex, out IResult? problem))
        {
            Log.Failed(logger, key, ex);
            return problem;
        }
    }
}
