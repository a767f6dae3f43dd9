using Microsoft.Extensions.Time.Testing;
using Oss.ResumableUpload.Credentials;

namespace Oss.ResumableUpload.Tests.Credentials;

/// <summary>The shared credentials file: INI parsing and the profile types.</summary>
public sealed class CredentialsFileProviderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("oss-credfile-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Parses_comments_quotes_whitespace_and_repeated_keys()
    {
        const string text = """
            # a comment
            ; another comment
            [default]
            type = access_key
              access_key_id   =   "quoted-id"
            access_key_secret='single-quoted'
            Access_Key_Secret = last-wins

            [with spaces ]
            type=sts
            url = https://example.com/?a=b
            """;

        Dictionary<string, Dictionary<string, string>> profiles = CredentialsFile.Parse(text.Replace("\n", "\r\n", StringComparison.Ordinal), "creds");

        Assert.Equal("access_key", profiles["default"]["type"]);
        Assert.Equal("quoted-id", profiles["default"]["access_key_id"]);
        Assert.Equal("last-wins", profiles["default"]["access_key_secret"]);
        Assert.Equal("https://example.com/?a=b", profiles["with spaces"]["url"]);
    }

    [Theory]
    [InlineData("type = access_key\n[default]", "line 1: a key comes before the first [profile] header")]
    [InlineData("[default]\njust words", "line 2: expected 'key = value'")]
    [InlineData("[]\n", "line 1: a section header must be [name]")]
    public void Malformed_files_are_reported_with_the_line(string text, string expected)
    {
        var ex = Assert.Throws<OssClientException>(() => CredentialsFile.Parse(text, "creds"));

        Assert.Equal(OssClientErrorCode.CredentialsUnavailable, ex.ErrorCode);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_the_default_profile_or_the_one_named()
    {
        string path = Write("""
            [default]
            type = access_key
            access_key_id = default-id
            access_key_secret = default-secret

            [temp]
            type = sts
            access_key_id = STS.temp-id
            access_key_secret = temp-secret
            security_token = temp-token
            """);

        Assert.Equal(new OssCredentials("default-id", "default-secret"), await new CredentialsFileProvider(path).GetCredentialsAsync());
        Assert.Equal(new OssCredentials("STS.temp-id", "temp-secret", "temp-token"), await new CredentialsFileProvider(path, "temp").GetCredentialsAsync());
        var fromVariables = new CredentialsFileProvider(null, null, Context(name => name switch
        {
            "ALIBABA_CLOUD_CREDENTIALS_FILE" => path,
            "ALIBABA_CLOUD_PROFILE" => "temp",
            _ => null,
        }));
        Assert.Equal(path, fromVariables.FilePath);
        Assert.Equal("STS.temp-id", (await fromVariables.GetCredentialsAsync()).AccessKeyId);
    }

    [Theory]
    [InlineData("[default]\ntype = access_key\naccess_key_id = id\n", "has no 'access_key_secret'")]
    [InlineData("[default]\naccess_key_id = id\n", "has no 'type'")]
    [InlineData("[default]\ntype = sts\naccess_key_id = id\naccess_key_secret = hidden-secret\n", "has no 'security_token'")]
    [InlineData("[default]\ntype = ram_role_arn\naccess_key_id = id\naccess_key_secret = hidden-secret\n", "'ram_role_arn', which this library does not support")]
    [InlineData("[default]\ntype = magic\n", "'magic', which this library does not support")]
    [InlineData("[other]\ntype = access_key\n", "has no profile [default]")]
    public async Task Incomplete_or_unsupported_profiles_are_refused_without_echoing_values(string text, string expected)
    {
        var ex = await Assert.ThrowsAsync<OssClientException>(async () => await new CredentialsFileProvider(Write(text)).GetCredentialsAsync());

        Assert.Equal(OssClientErrorCode.CredentialsUnavailable, ex.ErrorCode);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden-secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_a_typed_error()
    {
        var ex = await Assert.ThrowsAsync<OssClientException>(async () => await new CredentialsFileProvider(Path.Combine(_directory, "absent")).GetCredentialsAsync());

        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ecs_ram_role_profile_asks_the_metadata_service_for_its_role()
    {
        var start = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        using var metadata = new FakeMetadataService(() => start.AddHours(6), role: "file-role");
        string path = Write("[default]\ntype = ecs_ram_role\nrole_name = file-role\n");
        var provider = new CredentialsFileProvider(path, null, Context(_ => null) with { MetadataEndpoint = metadata.BaseAddress, TimeProvider = new FakeTimeProvider(start) });

        OssCredentials credentials = await provider.GetCredentialsAsync();

        Assert.Equal("STS.id-1", credentials.AccessKeyId);
        Assert.Equal(1, metadata.CredentialRequests);
        Assert.DoesNotContain(metadata.Server.Requests, r => r.Path == "/latest/meta-data/ram/security-credentials/");
    }

    [Fact]
    public async Task An_oidc_role_arn_profile_calls_sts()
    {
        var start = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        using var sts = new FakeSts(() => start.AddHours(1));
        string tokenFile = Path.Combine(_directory, "token");
        File.WriteAllText(tokenFile, "file-oidc-token");
        string path = Write($"[default]\ntype = oidc_role_arn\nrole_arn = acs:ram::1:role/r\noidc_provider_arn = acs:ram::1:oidc-provider/p\noidc_token_file_path = {tokenFile}\n");
        var provider = new CredentialsFileProvider(path, null, Context(_ => null) with { StsEndpoint = sts.Endpoint, TimeProvider = new FakeTimeProvider(start) });

        Assert.Equal("STS.oidc-1", (await provider.GetCredentialsAsync()).AccessKeyId);
        Assert.Equal("file-oidc-token", Assert.Single(sts.Server.Requests).Form()["OIDCToken"]);
    }

    private string Write(string text)
    {
        string path = Path.Combine(_directory, Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, text);
        return path;
    }

    private static CredentialsContext Context(Func<string, string?> environment) => new(environment, TimeProvider.System);
}
