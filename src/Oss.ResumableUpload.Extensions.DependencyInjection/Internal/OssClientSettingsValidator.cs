using Microsoft.Extensions.Options;

namespace Oss.ResumableUpload.DependencyInjection;

/// <summary>
/// Validates every registered client's <see cref="OssClientSettings"/> once, at startup (<c>ValidateOnStart</c>), and
/// again whenever a changed configuration is read. Each problem gets its own message naming the client and the
/// setting. After the checks below, the settings go through the client's own construction rules, so nothing the
/// client would refuse later (a V4 client with no inferable region, say) passes here.
/// </summary>
internal sealed class OssClientSettingsValidator : IValidateOptions<OssClientSettings>
{
    private static readonly HttpClient s_unused = new();

    public ValidateOptionsResult Validate(string? name, OssClientSettings options)
    {
        string client = string.IsNullOrEmpty(name) ? "The OSS client" : $"The OSS client '{name}'";
        var failures = new List<string>();
        failures.AddRange(options.BindingErrors.Select(error => $"{client}: {error}"));

        if (options.Endpoint is null)
        {
            failures.Add($"{client} has no Endpoint: set it, for example \"Endpoint\": \"https://oss-cn-hangzhou.aliyuncs.com\".");
        }
        else if (!options.Endpoint.IsAbsoluteUri || (options.Endpoint.Scheme != Uri.UriSchemeHttp && options.Endpoint.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{client} has an Endpoint that is not an absolute http or https URI: '{options.Endpoint.OriginalString}'.");
        }

        if (!Enum.IsDefined(options.SignatureVersion))
        {
            failures.Add($"{client} has a SignatureVersion that is neither V4 nor V1.");
        }

        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add($"{client} has MaxRetryAttempts {options.MaxRetryAttempts}; it must be between 0 and 10.");
        }

        if (options.MaxConnectionsPerServer is < 1 or > 10_000)
        {
            failures.Add($"{client} has MaxConnectionsPerServer {options.MaxConnectionsPerServer}; it must be between 1 and 10000.");
        }

        if (options.PooledConnectionLifetime < TimeSpan.FromSeconds(1) || options.PooledConnectionLifetime > TimeSpan.FromHours(1))
        {
            failures.Add($"{client} has PooledConnectionLifetime {options.PooledConnectionLifetime}; it must be between 1 second and 1 hour.");
        }

        if (string.IsNullOrEmpty(options.AccessKeyId) && (!string.IsNullOrEmpty(options.AccessKeySecret) || !string.IsNullOrEmpty(options.SecurityToken)))
        {
            failures.Add($"{client} has an AccessKeySecret or SecurityToken but no AccessKeyId: set AccessKeyId too, or remove them to use a registered provider or the default credential chain.");
        }
        else if (!string.IsNullOrEmpty(options.AccessKeyId) && string.IsNullOrEmpty(options.AccessKeySecret))
        {
            failures.Add($"{client} has an AccessKeyId but no AccessKeySecret.");
        }

        if (failures.Count == 0 && CoreRuleFailure(options) is { } coreFailure)
        {
            failures.Add($"{client}: {coreFailure}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The message of the client's own constructor check, or null when it accepts the settings.</summary>
    private static string? CoreRuleFailure(OssClientSettings settings)
    {
        try
        {
            using var probe = new OssClient(OssClientFactory.ToOptions(settings, new StaticCredentialsProvider("validation", "validation"), loggerFactory: null, TimeProvider.System), s_unused);
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message.Replace("OssClientOptions.", "", StringComparison.Ordinal);
        }
    }
}
