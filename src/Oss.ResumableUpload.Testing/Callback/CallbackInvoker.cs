using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Oss.ResumableUpload.Testing;

/// <summary>POSTs upload callbacks to loopback URLs and judges the reply as OSS does.</summary>
internal sealed class CallbackInvoker : IDisposable
{
    private const int MaxReplyBytes = 1024 * 1024;
    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;

    public CallbackInvoker(TimeSpan timeout, ILogger logger)
    {
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _timeout = timeout;
        _logger = logger;
    }

    /// <summary>Tries each URL in turn; returns the JSON reply of the first that answers 200 with valid JSON.</summary>
    public async Task<CallbackOutcome> InvokeAsync(CallbackSettings settings, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        byte[] body = Encoding.UTF8.GetBytes(settings.RenderBody(values));
        string failure = "The callback failed.";
        foreach (Uri url in settings.Urls)
        {
            using var timeout = new CancellationTokenSource(_timeout);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(settings.BodyType);
                if (!string.IsNullOrEmpty(settings.Host))
                {
                    request.Headers.Host = settings.Host;
                }

                using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                Log.CallbackAnswered(_logger, url.ToString(), status);
                if (status != 200)
                {
                    failure = $"Error status : {status}.";
                    continue;
                }

                if (response.Content.Headers.ContentLength is > MaxReplyBytes)
                {
                    failure = "Response body is too large.";
                    continue;
                }

                byte[] reply = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
                if (!IsJson(reply))
                {
                    failure = "Response body is not valid json format.";
                    continue;
                }

                return CallbackOutcome.Success(reply);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                failure = "Cost too long time.";
                Log.CallbackFailed(_logger, url.ToString(), failure);
            }
            catch (HttpRequestException ex)
            {
                failure = "Error status : -1 " + ex.Message;
                Log.CallbackFailed(_logger, url.ToString(), ex.Message);
            }
        }

        return CallbackOutcome.Failure(failure);
    }

    public void Dispose() => _http.Dispose();

    private static bool IsJson(byte[] reply)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(reply);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

/// <summary>What became of a callback: the reply to relay, or why it failed.</summary>
internal sealed class CallbackOutcome
{
    private CallbackOutcome(byte[]? reply, string? failure)
    {
        Reply = reply;
        FailureMessage = failure;
    }

    public byte[]? Reply { get; }

    public string? FailureMessage { get; }

    public bool Succeeded => Reply is not null;

    public static CallbackOutcome Success(byte[] reply) => new(reply, null);

    public static CallbackOutcome Failure(string message) => new(null, message);
}
