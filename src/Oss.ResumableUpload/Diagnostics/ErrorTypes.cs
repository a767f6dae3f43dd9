using System.Globalization;

namespace Oss.ResumableUpload.Diagnostics;

/// <summary>
/// The <c>error.type</c> value of a failure: OSS's error code for a service error, the <see cref="OssClientErrorCode"/>
/// name for a client error, otherwise the exception's full type name. Always a short, bounded, secret-free token.
/// </summary>
internal static class ErrorTypes
{
    /// <summary>The OpenTelemetry value for an error type that cannot be reported as it is.</summary>
    public const string Other = "_OTHER";

    private const int MaxCodeLength = 64;

    public static string Of(Exception exception) => exception switch
    {
        OssServiceException service => OfServiceCode(service.ErrorCode, service.StatusCode),
        OssClientException client => client.ErrorCode.ToString(),
        _ => exception.GetType().FullName ?? Other,
    };

    /// <summary>
    /// The server's code is hostile text: only a plain token of letters, digits, '.', '_' and '-' (as OSS codes are)
    /// goes out; anything else would be unbounded cardinality or could smuggle data into every dashboard.
    /// </summary>
    private static string OfServiceCode(string? code, int statusCode)
    {
        if (string.IsNullOrEmpty(code))
        {
            return statusCode.ToString(CultureInfo.InvariantCulture);
        }

        if (code.Length > MaxCodeLength)
        {
            return Other;
        }

        foreach (char c in code)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return Other;
            }
        }

        return code;
    }
}
