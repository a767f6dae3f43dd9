using Oss.ResumableUpload.Testing;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>V1, V4 and STS credentials end to end; the server verifies every signature.</summary>
public sealed class CredentialTests
{
    private const int P = EndToEndHarness.PartSize;

    [Theory]
    [InlineData(OssSignatureVersion.V1, 1)]
    [InlineData(OssSignatureVersion.V1, 3)]
    [InlineData(OssSignatureVersion.V4, 1)]
    [InlineData(OssSignatureVersion.V4, 3)]
    public async Task UploadsWithEachSignatureVersion(OssSignatureVersion version, int parts)
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile((parts * P) - 7, seed: parts);
        string key = $"signed/{version}/a b+c.bin";

        ResumableUploadResult result = await harness.CreateClient(version).ResumableUploadAsync(harness.Request(path, key));

        await harness.AssertStoredAsync(key, File.ReadAllBytes(path), result);
        Assert.All(harness.Server.Requests, r => Assert.InRange(r.StatusCode, 200, 299));
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task AWrongSecretIsRefusedWithSignatureDoesNotMatch(OssSignatureVersion version)
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(2 * P, seed: 2);
        var wrong = new StaticCredentialsProvider(harness.Server.Credential.AccessKeyId, "not-the-secret");

        OssServiceException error = await Assert.ThrowsAsync<OssServiceException>(
            () => harness.CreateClient(version, wrong).ResumableUploadAsync(harness.Request(path, "signed/refused.bin")));

        Assert.Equal(403, error.StatusCode);
        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.Empty(harness.Server.GetUploads());
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task UploadsWithAnStsToken(OssSignatureVersion version)
    {
        var sts = new OssTestCredential("STS.e2e-id", "sts-secret", "sts-token-1");
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync(o => o.Credentials.Add(sts));
        string path = harness.CreateFile(3 * P, seed: 3);

        ResumableUploadResult result = await harness.CreateClient(version, sts.ToCredentialsProvider()).ResumableUploadAsync(harness.Request(path, "sts/object.bin"));

        await harness.AssertStoredAsync("sts/object.bin", File.ReadAllBytes(path), result);

        // Without the token the same key is refused: the server really checks it.
        var tokenless = new StaticCredentialsProvider(sts.AccessKeyId, sts.AccessKeySecret);
        OssServiceException error = await Assert.ThrowsAsync<OssServiceException>(
            () => harness.CreateClient(version, tokenless).ResumableUploadAsync(harness.Request(path, "sts/refused.bin")));
        Assert.Equal(403, error.StatusCode);
    }

    [Fact]
    public async Task AnExpiredStsTokenIsRefreshedFromTheProviderAndTheRequestRetried()
    {
        var first = new OssTestCredential("STS.first", "secret-1", "token-1");
        var second = new OssTestCredential("STS.second", "secret-2", "token-2");
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync(o =>
        {
            o.Credentials.Add(first);
            o.Credentials.Add(second);
        });
        string path = harness.CreateFile(4 * P, seed: 4);
        var provider = new RotatingStsProvider(first, second);
        OssFault expired = harness.Server.Faults.SecurityTokenExpiredOnce(OssOperationKind.UploadPart);

        ResumableUploadResult result = await harness.CreateClient(credentials: provider).ResumableUploadAsync(harness.Request(path, "sts/refreshed.bin"));

        Assert.Equal(1, expired.TimesTriggered);
        Assert.True(provider.Calls >= 2, $"The provider was asked {provider.Calls} time(s); the expired token should have been refreshed.");
        await harness.AssertStoredAsync("sts/refreshed.bin", File.ReadAllBytes(path), result);
        OssRequestRecord refused = Assert.Single(harness.Server.Requests, r => r.StatusCode == 403);
        Assert.Equal("SecurityTokenExpired", refused.ErrorCode);
    }

    /// <summary>An STS provider that hands out its first credential once and a fresh one on every later call.</summary>
    private sealed class RotatingStsProvider(OssTestCredential first, OssTestCredential fresh) : IOssCredentialsProvider
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public ValueTask<OssCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default)
        {
            OssTestCredential credential = Interlocked.Increment(ref _calls) == 1 ? first : fresh;
            return ValueTask.FromResult(new OssCredentials(credential.AccessKeyId, credential.AccessKeySecret, credential.SecurityToken, DateTimeOffset.UtcNow.AddHours(1)));
        }
    }
}
