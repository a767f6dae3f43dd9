using System.Diagnostics.CodeAnalysis;

namespace Oss.ResumableUpload.Testing;

/// <summary>
/// A parsed V4 Authorization header:
/// <c>OSS4-HMAC-SHA256 Credential=AK/date/region/product/aliyun_v4_request[,AdditionalHeaders=a;b],Signature=hex</c>.
/// </summary>
/// <param name="AccessKeyId">The AccessKey ID before the first <c>/</c> of the credential.</param>
/// <param name="Scope">The rest of the credential: <c>date/region/product/aliyun_v4_request</c> (not checked here).</param>
/// <param name="AdditionalHeaders">The names after <c>AdditionalHeaders=</c> as sent, empty entries dropped.</param>
/// <param name="Signature">The hex signature.</param>
internal sealed record V4AuthorizationHeader(string AccessKeyId, string Scope, IReadOnlyList<string> AdditionalHeaders, string Signature)
{
    /// <summary>
    /// Parses the header. Its comma-separated fields may come in any order and with spaces around them (the SDKs
    /// send none, the docs show <c>, </c>); unknown fields are ignored. Credential and Signature are required.
    /// </summary>
    public static bool TryParse(string? authorization, [NotNullWhen(true)] out V4AuthorizationHeader? header)
    {
        header = null;
        const string Prefix = V4Signature.Algorithm + " ";
        if (authorization is null || !authorization.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        string accessKeyId = string.Empty, scope = string.Empty, signature = string.Empty;
        IReadOnlyList<string> additional = [];
        foreach (string field in authorization[Prefix.Length..].Split(',', StringSplitOptions.TrimEntries))
        {
            if (TryGetValue(field, "Credential=", out string? credential))
            {
                int slash = credential.IndexOf('/', StringComparison.Ordinal);
                if (slash <= 0)
                {
                    return false;
                }

                accessKeyId = credential[..slash];
                scope = credential[(slash + 1)..];
            }
            else if (TryGetValue(field, "AdditionalHeaders=", out string? names))
            {
                additional = names.Split(';', StringSplitOptions.RemoveEmptyEntries);
            }
            else if (TryGetValue(field, "Signature=", out string? value))
            {
                signature = value;
            }
        }

        if (accessKeyId.Length == 0 || scope.Length == 0 || signature.Length == 0)
        {
            return false;
        }

        header = new V4AuthorizationHeader(accessKeyId, scope, additional, signature);
        return true;
    }

    private static bool TryGetValue(string field, string name, [NotNullWhen(true)] out string? value)
    {
        value = field.StartsWith(name, StringComparison.Ordinal) ? field[name.Length..] : null;
        return value is not null;
    }
}
