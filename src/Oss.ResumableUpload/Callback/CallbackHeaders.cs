using System.Text;
using System.Text.Json;

namespace Oss.ResumableUpload.Callback;

/// <summary>Encodes an <see cref="OssUploadCallback"/> as the <c>x-oss-callback</c> and <c>x-oss-callback-var</c> headers.</summary>
internal static class CallbackHeaders
{
    public static void Apply(OssUploadCallback callback, IDictionary<string, string> headers)
    {
        headers["x-oss-callback"] = EncodeCallback(callback);
        if (callback.CustomVariables is { Count: > 0 } variables)
        {
            headers["x-oss-callback-var"] = EncodeVariables(variables);
        }
    }

    public static string EncodeCallback(OssUploadCallback callback)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("callbackUrl", callback.CallbackUrl);
            if (!string.IsNullOrEmpty(callback.CallbackHost))
            {
                writer.WriteString("callbackHost", callback.CallbackHost);
            }

            writer.WriteString("callbackBody", callback.CallbackBody);
            writer.WriteString("callbackBodyType", callback.CallbackBodyType == OssCallbackBodyType.Json ? "application/json" : "application/x-www-form-urlencoded");
            writer.WriteEndObject();
        }

        return Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static string EncodeVariables(IReadOnlyDictionary<string, string> variables)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (KeyValuePair<string, string> variable in variables)
            {
                writer.WriteString(variable.Key, variable.Value);
            }

            writer.WriteEndObject();
        }

        return Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Decodes a reply body for <see cref="CompleteMultipartUploadResult.CallbackResponseBody"/>.</summary>
    public static string DecodeBody(byte[] body) => Encoding.UTF8.GetString(body);
}
