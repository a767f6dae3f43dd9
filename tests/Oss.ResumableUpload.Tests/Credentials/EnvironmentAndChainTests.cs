using Microsoft.Extensions.Time.Testing;
using Oss.ResumableUpload.Credentials;
using Oss.ResumableUpload.Tests.Infrastructure;

namespace Oss.ResumableUpload.Tests.Credentials;

/// <summary>The environment provider's two families of variables, and the order of the default chain.</summary>
public sealed class EnvironmentAndChainTests : IDisposable
{
    private static readonly DateTimeOffset s_start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("oss-chain-").FullName;
    private readonly Dictionary<string, string> _variables = [];

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task OSS_variables_take_precedence_over_ALIBABA_CLOUD_ones()
    {
        _variables["OSS_ACCESS_KEY_ID"] = "oss-id";
        _variables["OSS_ACCESS_KEY_SECRET"] = "oss-secret";
        _variables["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "ali-id";
        _variables["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "ali-secret";
        _variables["ALIBABA_CLOUD_SECURITY_TOKEN"] = "ali-token";

        Assert.Equal(new OssCredentials("oss-id", "oss-secret"), await new EnvironmentCredentialsProvider(Get).GetCredentialsAsync());
    }

    [Fact]
    public async Task ALIBABA_CLOUD_variables_are_read_when_OSS_ones_are_absent()
    {
        _variables["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "ali-id";
        _variables["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "ali-secret";
        _variables["ALIBABA_CLOUD_SECURITY_TOKEN"] = "ali-token";
        _variables["OSS_SESSION_TOKEN"] = "oss-token-of-another-pair";

        Assert.Equal(new OssCredentials("ali-id", "ali-secret", "ali-token"), await new EnvironmentCredentialsProvider(Get).GetCredentialsAsync());
    }

    [Fact]
    public async Task The_families_are_never_mixed()
    {
        _variables["OSS_ACCESS_KEY_ID"] = "oss-id";
        _variables["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "ali-secret";

        var ex = await Assert.ThrowsAsync<OssClientException>(async () => await new EnvironmentCredentialsProvider(Get).GetCredentialsAsync());

        Assert.Equal("OSS_ACCESS_KEY_ID is set, but OSS_ACCESS_KEY_SECRET is not.", ex.Message);
    }

    [Fact]
    public async Task The_chain_prefers_the_environment_over_every_other_source()
    {
        using var metadata = new FakeMetadataService(() => s_start.AddHours(6));
        _variables["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "env-id";
        _variables["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "env-secret";
        _variables["ALIBABA_CLOUD_CREDENTIALS_FILE"] = WriteFile("file-id");
        var log = new ListLoggerFactory();

        OssCredentials credentials = await Chain(metadata, null, log).GetCredentialsAsync();

        Assert.Equal("env-id", credentials.AccessKeyId);
        Assert.Empty(metadata.Server.Requests);
        Assert.Contains("uses EnvironmentCredentialsProvider", log.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chain_prefers_an_OIDC_role_over_the_file()
    {
        using var sts = new FakeSts(() => s_start.AddHours(1));
        string tokenFile = Path.Combine(_directory, "token");
        File.WriteAllText(tokenFile, "pod-token");
        _variables["ALIBABA_CLOUD_ROLE_ARN"] = "acs:ram::1:role/r";
        _variables["ALIBABA_CLOUD_OIDC_PROVIDER_ARN"] = "acs:ram::1:oidc-provider/p";
        _variables["ALIBABA_CLOUD_OIDC_TOKEN_FILE"] = tokenFile;
        _variables["ALIBABA_CLOUD_CREDENTIALS_FILE"] = WriteFile("file-id");

        OssCredentials credentials = await Chain(null, sts).GetCredentialsAsync();

        Assert.Equal("STS.oidc-1", credentials.AccessKeyId);
    }

    [Fact]
    public async Task The_chain_prefers_the_file_over_the_instance_role()
    {
        using var metadata = new FakeMetadataService(() => s_start.AddHours(6));
        _variables["ALIBABA_CLOUD_CREDENTIALS_FILE"] = WriteFile("file-id");

        OssCredentials credentials = await Chain(metadata, null).GetCredentialsAsync();

        Assert.Equal("file-id", credentials.AccessKeyId);
        Assert.Empty(metadata.Server.Requests);
    }

    [Fact]
    public async Task The_chain_ends_with_the_instance_role_and_keeps_using_it()
    {
        var time = new FakeTimeProvider(s_start);
        using var metadata = new FakeMetadataService(() => time.GetUtcNow().AddHours(1));
        _variables["ALIBABA_CLOUD_CREDENTIALS_FILE"] = Path.Combine(_directory, "no-such-file");
        var chain = Chain(metadata, null, time: time);

        Assert.Equal("STS.id-1", (await chain.GetCredentialsAsync()).AccessKeyId);
        time.Advance(TimeSpan.FromMinutes(56));
        Assert.Equal("STS.id-2", (await chain.GetCredentialsAsync()).AccessKeyId);
        Assert.Equal(2, metadata.CredentialRequests);
    }

    [Fact]
    public async Task With_nothing_configured_the_error_lists_each_source()
    {
        using var metadata = new FakeMetadataService(() => s_start.AddHours(6)) { CredentialsOverride = new FakeReply(404, "no role") };
        _variables["ALIBABA_CLOUD_CREDENTIALS_FILE"] = Path.Combine(_directory, "no-such-file");

        var ex = await Assert.ThrowsAsync<OssClientException>(async () => await Chain(metadata, null).GetCredentialsAsync());
        Assert.StartsWith("No credentials found.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("EcsRamRoleCredentialsProvider: The ECS metadata service answered 404", ex.Message, StringComparison.Ordinal);

        _variables["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true";
        int before = metadata.Server.Requests.Count;
        var disabled = await Assert.ThrowsAsync<OssClientException>(async () => await Chain(metadata, null).GetCredentialsAsync());
        Assert.Contains("the ECS metadata service is disabled", disabled.Message, StringComparison.Ordinal);
        Assert.Equal(before, metadata.Server.Requests.Count);
    }

    private string? Get(string name) => _variables.GetValueOrDefault(name);

    private DefaultCredentialsProvider Chain(FakeMetadataService? metadata, FakeSts? sts, ListLoggerFactory? log = null, TimeProvider? time = null)
        => new(new CredentialsContext(Get, time ?? new FakeTimeProvider(s_start), log, MetadataEndpoint: metadata?.BaseAddress ?? new Uri("http://127.0.0.1:9/"), StsEndpoint: sts?.Endpoint));

    private string WriteFile(string id)
    {
        string path = Path.Combine(_directory, "credentials");
        File.WriteAllText(path, $"[default]\ntype = access_key\naccess_key_id = {id}\naccess_key_secret = file-secret\n");
        return path;
    }
}
