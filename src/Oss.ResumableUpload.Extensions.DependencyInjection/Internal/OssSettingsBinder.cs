using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Oss.ResumableUpload.DependencyInjection;

/// <summary>
/// Binds a configuration section to <see cref="OssClientSettings"/> without reflection (so trimming and AOT stay
/// clean, and no binder source generator is needed). Keys are case-insensitive, as configuration keys are; keys it
/// does not know are left alone (the section may hold the application's own values, a bucket name say). A value that
/// does not convert is recorded and reported at startup by <see cref="OssClientSettingsValidator"/>, with its path.
/// </summary>
internal static class OssSettingsBinder
{
    public static void Bind(IConfiguration configuration, OssClientSettings settings)
    {
        foreach (IConfigurationSection entry in configuration.GetChildren())
        {
            if (entry.Value is not { } value)
            {
                continue;
            }

            string key = entry.Key;
            bool ok = key.ToUpperInvariant() switch
            {
                "ENDPOINT" => Set(Uri.TryCreate(value.Trim(), UriKind.RelativeOrAbsolute, out Uri? uri), () => settings.Endpoint = uri),
                "REGION" => Set(true, () => settings.Region = NullIfEmpty(value)),
                "SIGNATUREVERSION" => Set(TryParseSignatureVersion(value, out OssSignatureVersion version), () => settings.SignatureVersion = version),
                "USEPATHSTYLE" => Set(bool.TryParse(value, out bool pathStyle), () => settings.UsePathStyle = pathStyle),
                "MAXRETRYATTEMPTS" => Set(int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int retries), () => settings.MaxRetryAttempts = retries),
                "RETRYBASEDELAY" => Set(TryParseTime(value, out TimeSpan baseDelay), () => settings.RetryBaseDelay = baseDelay),
                "MAXRETRYDELAY" => Set(TryParseTime(value, out TimeSpan maxDelay), () => settings.MaxRetryDelay = maxDelay),
                "REQUESTTIMEOUT" => Set(TryParseTime(value, out TimeSpan timeout), () => settings.RequestTimeout = timeout),
                "CREDENTIALSREFRESHWINDOW" => Set(TryParseTime(value, out TimeSpan window), () => settings.CredentialsRefreshWindow = window),
                "ACCESSKEYID" => Set(true, () => settings.AccessKeyId = NullIfEmpty(value)),
                "ACCESSKEYSECRET" => Set(true, () => settings.AccessKeySecret = NullIfEmpty(value)),
                "SECURITYTOKEN" => Set(true, () => settings.SecurityToken = NullIfEmpty(value)),
                "MAXCONNECTIONSPERSERVER" => Set(int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int connections), () => settings.MaxConnectionsPerServer = connections),
                "POOLEDCONNECTIONLIFETIME" => Set(TryParseTime(value, out TimeSpan lifetime), () => settings.PooledConnectionLifetime = lifetime),
                _ => true,
            };
            if (!ok)
            {
                // The value is not echoed: the key might be a secret's neighbour, and the path is enough to find it.
                settings.BindingErrors.Add($"{entry.Path} has a value that is not a valid {Describe(key)}.");
            }
        }
    }

    private static bool Set(bool parsed, Action assign)
    {
        if (parsed)
        {
            assign();
        }

        return parsed;
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool TryParseSignatureVersion(string value, out OssSignatureVersion version)
    {
        string text = value.Trim();
        if (string.Equals(text, "V4", StringComparison.OrdinalIgnoreCase) || text == "4")
        {
            version = OssSignatureVersion.V4;
            return true;
        }

        if (string.Equals(text, "V1", StringComparison.OrdinalIgnoreCase) || text == "1")
        {
            version = OssSignatureVersion.V1;
            return true;
        }

        version = default;
        return false;
    }

    /// <summary>A time span in the invariant "c" forms ("00:00:30", "1.00:00:00"), or "Infinite" / "-00:00:00.001".</summary>
    private static bool TryParseTime(string value, out TimeSpan time)
    {
        string text = value.Trim();
        if (string.Equals(text, "Infinite", StringComparison.OrdinalIgnoreCase))
        {
            time = Timeout.InfiniteTimeSpan;
            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out time);
    }

    private static string Describe(string key) => key.ToUpperInvariant() switch
    {
        "ENDPOINT" => "URI",
        "SIGNATUREVERSION" => "signature version (V4 or V1)",
        "USEPATHSTYLE" => "boolean (true or false)",
        "MAXRETRYATTEMPTS" or "MAXCONNECTIONSPERSERVER" => "integer",
        _ => "time span (for example 00:00:30)",
    };
}
