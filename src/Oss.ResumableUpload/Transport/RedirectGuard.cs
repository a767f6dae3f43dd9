using System.Globalization;

namespace Oss.ResumableUpload.Transport;

/// <summary>
/// OSS never redirects a signed request, so the library accepts no redirect. Its own handler does not follow them
/// (<c>AllowAutoRedirect = false</c>), and every 3xx reply is an error. A caller's <see cref="HttpClient"/> may
/// follow one anyway; the reply then comes from another URI than the one signed, and is refused even when it is a
/// 2xx, so that a part stored elsewhere is never counted as uploaded. By then the request (its headers, the STS
/// token among them, and its body) has already gone to the other host: hence the documented rule that a caller's
/// handler must not follow redirects.
/// </summary>
internal static class RedirectGuard
{
    /// <summary>Returns the error for a redirected or 3xx reply (with its request id), or null when the reply came straight from <paramref name="sent"/>.</summary>
    public static OssClientException? Check(OssOperation operation, Uri sent, HttpResponseMessage response)
    {
        Uri? answered = response.RequestMessage?.RequestUri;
        if (answered is not null && !ReferenceEquals(answered, sent) && answered != sent)
        {
            return ProtocolViolation.Create(
                $"{operation.Method.Method} {operation.DescribeResource()} was redirected to {Describe(answered)} by the HTTP handler. OSS never redirects a signed request; the reply is refused, and an HttpClient given to OssClient must not follow redirects (AllowAutoRedirect = false)",
                OssResponse.RequestIdOf(response.Headers));
        }

        int status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            Uri? location = response.Headers.Location;
            string target = location is null ? "no location" : location.IsAbsoluteUri ? Describe(location) : "a relative location";
            return ProtocolViolation.Create(
                string.Create(CultureInfo.InvariantCulture, $"{operation.Method.Method} {operation.DescribeResource()} was answered {status}, a redirect to {target}. OSS never redirects a signed request, and the library follows no redirect"),
                OssResponse.RequestIdOf(response.Headers));
        }

        return null;
    }

    /// <summary>The scheme and authority only: the path and query of a hostile location are not worth repeating.</summary>
    private static string Describe(Uri uri)
        => uri.IsAbsoluteUri ? ServerText.Clean(uri.GetLeftPart(UriPartial.Authority), ServerText.MaxIdLength) : "a relative location";
}
