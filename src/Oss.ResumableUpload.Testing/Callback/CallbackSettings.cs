using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Oss.ResumableUpload.Testing;

/// <summary>The decoded <c>x-oss-callback</c> and <c>x-oss-callback-var</c> of a request.</summary>
internal sealed class CallbackSettings
{
    private const int MaxEncodedLength = 5 * 1024;

    /// <summary>The system variables whose values are numbers: written bare in a JSON body.</summary>
    private static readonly HashSet<string> s_numericVariables = new(StringComparer.Ordinal) { "size", "imageInfo.height", "imageInfo.width" };

    private CallbackSettings(IReadOnlyList<Uri> urls, string body, string? host, string bodyType, IReadOnlyDictionary<string, string> variables)
    {
        Urls = urls;
        Body = body;
        Host = host;
        BodyType = bodyType;
        Variables = variables;
    }

    public IReadOnlyList<Uri> Urls { get; }

    /// <summary>Gets the body template with <c>${...}</c> variables.</summary>
    public string Body { get; }

    public string? Host { get; }

    /// <summary>Gets <c>application/x-www-form-urlencoded</c> or <c>application/json</c>.</summary>
    public string BodyType { get; }

    public IReadOnlyDictionary<string, string> Variables { get; }

    public bool IsJson => BodyType == "application/json";

    /// <summary>Reads the callback of a PutObject or CompleteMultipartUpload request, from headers or the query.</summary>
    /// <returns>The settings, or null when the request asks for no callback.</returns>
    /// <exception cref="OssErrorException">The callback parameters are invalid (400 InvalidArgument), as OSS checks before storing anything.</exception>
    public static CallbackSettings? FromRequest(OssRequestContext request)
    {
        string? callbackHeader = request.Header("x-oss-callback");
        string? varHeader = request.Header("x-oss-callback-var");
        string? callbackQuery = request.Target.Get("callback");
        string? varQuery = request.Target.Get("callback-var");
        if (callbackHeader is not null && callbackQuery is not null)
        {
            throw OssError.InvalidArgument("The callback is given both as a header and as a query parameter.", "callback", callbackQuery).ToException();
        }

        string? callback = callbackHeader ?? callbackQuery;
        if (callback is null)
        {
            return null;
        }

        return Parse(callback, varHeader ?? varQuery);
    }

    public static CallbackSettings Parse(string encodedCallback, string? encodedVariables)
    {
        JsonElement root = DecodeJson(encodedCallback, "x-oss-callback");
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("x-oss-callback must be a JSON object.", encodedCallback);
        }

        string urlList = GetString(root, "callbackUrl") ?? throw Invalid("The callback configuration has no callbackUrl.", encodedCallback);
        string body = GetString(root, "callbackBody") ?? string.Empty;
        if (body.Length == 0)
        {
            throw Invalid("The callback configuration has no callbackBody.", encodedCallback);
        }

        string bodyType = GetString(root, "callbackBodyType") ?? "application/x-www-form-urlencoded";
        if (bodyType is not ("application/x-www-form-urlencoded" or "application/json"))
        {
            throw Invalid("callbackBodyType must be application/x-www-form-urlencoded or application/json.", bodyType);
        }

        var urls = new List<Uri>();
        foreach (string raw in urlList.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(raw, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                throw Invalid("callbackUrl must hold http or https URLs.", raw);
            }

            if (!IsLoopback(url))
            {
                throw Invalid("The OSS test server only calls back loopback URLs (127.0.0.0/8, ::1, localhost).", raw);
            }

            urls.Add(url);
        }

        if (urls.Count is 0 or > 5)
        {
            throw Invalid("callbackUrl must hold 1 to 5 URLs separated by ';'.", urlList);
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(encodedVariables))
        {
            JsonElement vars = DecodeJson(encodedVariables, "x-oss-callback-var");
            if (vars.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("x-oss-callback-var must be a JSON object.", encodedVariables);
            }

            foreach (JsonProperty property in vars.EnumerateObject())
            {
                if (!property.Name.StartsWith("x:", StringComparison.Ordinal))
                {
                    throw Invalid("Custom callback variables must start with 'x:'.", property.Name);
                }

                variables[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }

        return new CallbackSettings(urls, body, GetString(root, "callbackHost"), bodyType, variables);
    }

    /// <summary>Replaces <c>${bucket}</c>, <c>${object}</c>, <c>${etag}</c>, <c>${size}</c>, <c>${mimeType}</c>, <c>${x:...}</c> and a few more.</summary>
    /// <remarks>
    /// A form-urlencoded body gets URL-encoded values. A JSON body gets values "based on the JSON format", as OSS
    /// documents (<c>{"bucket":${bucket}}</c> becomes <c>{"bucket":"examplebucket"}</c>): strings, custom variables
    /// included, quoted and escaped; the numeric ones (size, imageInfo.height, imageInfo.width) bare when they hold a number.
    /// </remarks>
    public string RenderBody(IReadOnlyDictionary<string, string> systemValues)
    {
        var sb = new StringBuilder(Body.Length + 64);
        int i = 0;
        while (i < Body.Length)
        {
            int start = Body.IndexOf("${", i, StringComparison.Ordinal);
            if (start < 0)
            {
                sb.Append(Body, i, Body.Length - i);
                break;
            }

            int end = Body.IndexOf('}', start + 2);
            if (end < 0)
            {
                sb.Append(Body, i, Body.Length - i);
                break;
            }

            sb.Append(Body, i, start - i);
            string name = Body[(start + 2)..end];
            bool custom = name.StartsWith("x:", StringComparison.Ordinal);
            string value = (custom ? Variables.GetValueOrDefault(name) : systemValues.GetValueOrDefault(name)) ?? string.Empty;
            if (!IsJson)
            {
                sb.Append(WebUtility.UrlEncode(value));
            }
            else if (!custom && s_numericVariables.Contains(name) && IsJsonNumber(value))
            {
                sb.Append(value);
            }
            else
            {
                sb.Append('"').Append(JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value).Append('"');
            }

            i = end + 1;
        }

        return sb.ToString();
    }

    private static bool IsJsonNumber(string value)
        => value.Length > 0 && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static bool IsLoopback(Uri url)
        => url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out IPAddress? address) && IPAddress.IsLoopback(address));

    private static JsonElement DecodeJson(string encoded, string name)
    {
        if (encoded.Length > MaxEncodedLength)
        {
            throw Invalid($"{name} must not exceed 5 KB.", name);
        }

        byte[] json;
        try
        {
            json = Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            throw Invalid($"{name} is not valid base64.", encoded);
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw Invalid($"{name} is not valid JSON.", encoded);
        }
    }

    private static string? GetString(JsonElement root, string name)
        => root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static OssErrorException Invalid(string message, string value)
        => OssError.InvalidArgument(message, "callback", value).ToException();
}
