using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace Oss.ResumableUpload.Cli;

/// <summary>
/// Where and as whom to connect: <c>--endpoint</c>, <c>--region</c>, the access key options, <c>--v1</c> and
/// <c>--verbose</c>. Each falls back to its environment variable; the secret and the token are read from the
/// environment only when the option is absent, and are never shown in help.
/// </summary>
internal sealed class ConnectionOptions
{
    public Option<string?> Endpoint { get; } = OptionValues.WithEnvironment("--endpoint", "OSS_ENDPOINT", "OSS endpoint URL, for example https://oss-cn-hangzhou.aliyuncs.com");

    public Option<string?> Region { get; } = OptionValues.WithEnvironment("--region", "OSS_REGION", "Region for signature V4, for example cn-hangzhou");

    public Option<string?> AccessKeyId { get; } = new("--access-key-id") { Description = "Access key id (or OSS_ACCESS_KEY_ID)", HelpName = "ID" };

    public Option<string?> AccessKeySecret { get; } = new("--access-key-secret") { Description = "Access key secret (or OSS_ACCESS_KEY_SECRET)", HelpName = "SECRET" };

    public Option<string?> SecurityToken { get; } = new("--security-token") { Description = "STS security token (or OSS_SESSION_TOKEN)", HelpName = "TOKEN" };

    public Option<bool> V1 { get; } = new("--v1") { Description = "Sign with signature V1 instead of V4" };

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Show the library's logs (retries, resumes, requests) on stderr" };

    public void AddTo(Command command)
    {
        Endpoint.Validators.Add(result =>
        {
            string? value = result.GetValueOrDefault<string?>();
            if (value is not null && !(Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https"))
            {
                result.AddError($"--endpoint must be an absolute http or https URL; got '{value}'.");
            }
        });
        foreach (Option option in new Option[] { Endpoint, Region, AccessKeyId, AccessKeySecret, SecurityToken, V1, Verbose })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The endpoint, or null when none was given (the upload command then starts the embedded server).</summary>
    public Uri? EndpointOf(ParseResult parse) => parse.GetValue(Endpoint) is { } text ? new Uri(text, UriKind.Absolute) : null;

    /// <summary>A console logger factory on stderr for <c>--verbose</c>; null otherwise.</summary>
    public ILoggerFactory? CreateLoggerFactory(ParseResult parse) => parse.GetValue(Verbose) ? ConsoleLogging.Create() : null;

    /// <summary>The static credentials from the options or the environment.</summary>
    /// <exception cref="CliUsageException">The access key id or secret is missing.</exception>
    public IOssCredentialsProvider Credentials(ParseResult parse)
    {
        string? id = parse.GetValue(AccessKeyId) ?? OptionValues.Environment("OSS_ACCESS_KEY_ID");
        string? secret = parse.GetValue(AccessKeySecret) ?? OptionValues.Environment("OSS_ACCESS_KEY_SECRET");
        string? token = parse.GetValue(SecurityToken) ?? OptionValues.Environment("OSS_SESSION_TOKEN");
        if (id is null || secret is null)
        {
            throw new CliUsageException("set --access-key-id and --access-key-secret (or OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET).");
        }

        return new StaticCredentialsProvider(id, secret, token);
    }

    /// <summary>A client for the endpoint.</summary>
    /// <exception cref="CliUsageException">The client options are invalid (for example V4 without a region).</exception>
    public OssClient CreateClient(ParseResult parse, Uri endpoint, string? region, IOssCredentialsProvider credentials, ILoggerFactory? loggerFactory)
    {
        try
        {
            return new OssClient(new OssClientOptions
            {
                Endpoint = endpoint,
                Region = region,
                Credentials = credentials,
                SignatureVersion = parse.GetValue(V1) ? OssSignatureVersion.V1 : OssSignatureVersion.V4,
                LoggerFactory = loggerFactory,
            });
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException(OptionValues.MessageOf(ex) + (region is null ? " Set --region or OSS_REGION (for example cn-hangzhou)." : string.Empty));
        }
    }
}
