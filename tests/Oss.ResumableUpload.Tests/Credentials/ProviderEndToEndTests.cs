using Oss.ResumableUpload.Testing;
using Oss.ResumableUpload.Tests.EndToEnd;

namespace Oss.ResumableUpload.Tests.Credentials;

/// <summary>The network providers plugged into a client, uploading to the OSS test server with the STS credentials they fetched.</summary>
public sealed class ProviderEndToEndTests
{
    [Fact]
    public async Task An_upload_signed_with_instance_role_credentials_fetches_them_once()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync(options =>
        {
            options.Credentials.Add(OssTestCredential.Default);
            options.Credentials.Add(new OssTestCredential("STS.id-1", "secret-1", "token-1"));
        });
        using var metadata = new FakeMetadataService(() => DateTimeOffset.UtcNow.AddHours(1));
        var provider = new EcsRamRoleCredentialsProvider(new EcsRamRoleCredentialsProviderOptions { MetadataEndpoint = metadata.BaseAddress }, _ => null);
        using OssClient client = harness.CreateClient(credentials: provider);
        string file = harness.CreateFile(12 * EndToEndHarness.PartSize);

        await client.ResumableUploadAsync(new ResumableUploadRequest
        {
            BucketName = EndToEndHarness.Bucket,
            ObjectKey = "role-signed.bin",
            UploadFilePath = file,
            PartSize = EndToEndHarness.PartSize,
            MaxConcurrency = 8,
        });

        Assert.Equal(await File.ReadAllBytesAsync(file), await harness.Server.ReadObjectAsync(EndToEndHarness.Bucket, "role-signed.bin"));
        Assert.Equal(1, metadata.CredentialRequests);
    }

    [Fact]
    public async Task An_upload_signed_with_OIDC_role_credentials()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync(options =>
        {
            options.Credentials.Add(OssTestCredential.Default);
            options.Credentials.Add(new OssTestCredential("STS.oidc-1", "sts-secret-1", "sts-token-1"));
        });
        using var sts = new FakeSts(() => DateTimeOffset.UtcNow.AddHours(1));
        string tokenFile = harness.CreateFile(16, name: "oidc-token");
        var provider = new OidcRoleCredentialsProvider(
            new OidcRoleCredentialsProviderOptions { RoleArn = "acs:ram::1:role/r", OidcProviderArn = "acs:ram::1:oidc-provider/p", OidcTokenFilePath = tokenFile, StsEndpoint = sts.Endpoint },
            _ => null);
        using OssClient client = harness.CreateClient(credentials: provider);

        await client.ResumableUploadAsync(new ResumableUploadRequest
        {
            BucketName = EndToEndHarness.Bucket,
            ObjectKey = "oidc-signed.bin",
            UploadFilePath = harness.CreateFile(3 * EndToEndHarness.PartSize),
            PartSize = EndToEndHarness.PartSize,
        });

        Assert.NotNull(harness.Server.GetObject(EndToEndHarness.Bucket, "oidc-signed.bin"));
        Assert.Equal(1, sts.Calls);
    }
}
