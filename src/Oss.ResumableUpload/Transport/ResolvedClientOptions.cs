using System.Net;
using System.Text.RegularExpressions;

namespace Oss.ResumableUpload.Transport;

/// <summary>The validated, normalized form of <see cref="OssClientOptions"/>.</summary>
internal sealed partial class ResolvedClientOptions
{
    private long _maxResponseBodySize = ResponseBodyReader.DefaultLimit;

    // Uri.Authority builds a new string on each read; every request's URI starts with these two.
    private readonly string _scheme;
    private readonly string _authority;

    private ResolvedClientOptions(OssClientOptions options, string? region, bool pathStyle)
    {
        Options = options;
        Region = region;
        UsePathStyle = pathStyle;
        _scheme = options.Endpoint.Scheme + "://";
        _authority = options.Endpoint.Authority;
    }

    public OssClientOptions Options { get; }

    public Uri Endpoint => Options.Endpoint;

    public string? Region { get; }

    public bool UsePathStyle { get; }

    /// <summary>
    /// The longest reply body read into memory (<see cref="ResponseBodyReader.DefaultLimit"/>). Not an option: OSS
    /// replies are far smaller. Tests lower it before the client's first request.
    /// </summary>
    public long MaxResponseBodySize
    {
        get => _maxResponseBodySize;
        set => _maxResponseBodySize = value is >= 1 and <= int.MaxValue - 1 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public static ResolvedClientOptions Create(OssClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Endpoint is null)
        {
            throw new ArgumentNullException(nameof(options), "OssClientOptions.Endpoint is required.");
        }

        if (options.Credentials is null)
        {
            throw new ArgumentNullException(nameof(options), "OssClientOptions.Credentials is required.");
        }

        if (options.TimeProvider is null)
        {
            throw new ArgumentNullException(nameof(options), "OssClientOptions.TimeProvider must not be null.");
        }

        Uri endpoint = options.Endpoint;
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"OssClientOptions.Endpoint must be an absolute http or https URI; got '{endpoint}'.", nameof(options));
        }

        if (!string.IsNullOrEmpty(endpoint.Query) || (endpoint.AbsolutePath != "/" && endpoint.AbsolutePath.Length > 0))
        {
            throw new ArgumentException($"OssClientOptions.Endpoint must have no path or query; got '{endpoint}'.", nameof(options));
        }

        if (!Enum.IsDefined(options.SignatureVersion))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SignatureVersion, "OssClientOptions.SignatureVersion must be V1 or V4.");
        }

        CheckRange(options.MaxRetryAttempts, 0, 10, "MaxRetryAttempts");
        CheckRange(options.RetryBaseDelay, TimeSpan.Zero, TimeSpan.FromMinutes(1), "RetryBaseDelay");
        CheckRange(options.MaxRetryDelay, TimeSpan.Zero, TimeSpan.FromMinutes(5), "MaxRetryDelay");
        if (options.MaxRetryDelay < options.RetryBaseDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxRetryDelay, "OssClientOptions.MaxRetryDelay must not be shorter than RetryBaseDelay.");
        }

        if (options.RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            CheckRange(options.RequestTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), "RequestTimeout");
        }

        CheckRange(options.CredentialsRefreshWindow, TimeSpan.Zero, TimeSpan.FromHours(1), "CredentialsRefreshWindow");

        string? region = string.IsNullOrWhiteSpace(options.Region) ? InferRegion(endpoint.Host) : NormalizeRegion(options.Region);
        if (options.SignatureVersion == OssSignatureVersion.V4 && region is null)
        {
            throw new ArgumentException(
                $"Signature V4 needs a region: set OssClientOptions.Region (for example \"cn-hangzhou\"); it cannot be inferred from the endpoint '{endpoint.Host}'.",
                nameof(options));
        }

        bool pathStyle = options.UsePathStyle || IsIpOrLocalhost(endpoint);
        return new ResolvedClientOptions(options, region, pathStyle);
    }

    /// <summary>Infers <c>cn-hangzhou</c> from <c>oss-cn-hangzhou.aliyuncs.com</c> (and the -internal and -accelerate forms).</summary>
    public static string? InferRegion(string host)
    {
        Match match = RegionPattern().Match(host);
        if (!match.Success)
        {
            return null;
        }

        string region = match.Groups["region"].Value;
        return region.StartsWith("accelerate", StringComparison.OrdinalIgnoreCase) ? null : region;
    }

    public static bool IsIpOrLocalhost(Uri endpoint)
        => endpoint.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
           || IPAddress.TryParse(endpoint.Host, out _)
           || string.Equals(endpoint.Host, "localhost", StringComparison.OrdinalIgnoreCase);

    /// <summary>Builds the request URI; the key and query must already be escaped.</summary>
    public Uri BuildUri(string? bucket, string escapedKeyPath, string escapedQuery)
    {
        var builder = new Signing.CharBuilder(stackalloc char[512]);
        string text;
        try
        {
            builder.Append(_scheme);
            if (!string.IsNullOrEmpty(bucket) && !UsePathStyle)
            {
                builder.Append(bucket);
                builder.Append('.');
            }

            builder.Append(_authority);
            builder.Append('/');
            if (!string.IsNullOrEmpty(bucket) && UsePathStyle)
            {
                builder.Append(bucket);
                builder.Append('/');
            }

            builder.Append(escapedKeyPath);
            if (escapedQuery.Length > 0)
            {
                builder.Append('?');
                builder.Append(escapedQuery);
            }

            text = builder.ToString();
        }
        finally
        {
            builder.Dispose();
        }

        // Object keys may contain "." and ".." segments ("a/../b" is a valid key). Canonicalization would remove
        // them, sending a different path from the one signed, so the path and query go out exactly as built.
        return new Uri(text, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
    }

    private static string NormalizeRegion(string region)
    {
        string trimmed = region.Trim();
        return trimmed.StartsWith("oss-", StringComparison.OrdinalIgnoreCase) ? trimmed[4..] : trimmed;
    }

    private static void CheckRange<T>(T value, T min, T max, string name)
        where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            throw new ArgumentOutOfRangeException("options", value, $"OssClientOptions.{name} must be between {min} and {max}.");
        }
    }

    [GeneratedRegex(@"^(?:[^.]+\.)?oss-(?<region>[a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}
