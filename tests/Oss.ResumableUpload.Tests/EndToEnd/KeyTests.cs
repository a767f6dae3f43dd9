namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>Keys with Unicode, spaces and URL-significant characters round-trip, in one request or many, and resume.</summary>
public sealed class KeyTests
{
    private const int P = EndToEndHarness.PartSize;

    public static TheoryData<string, int> Keys => new()
    {
        { "目录/子目录/ファイル 名前.txt", P / 4 },
        { "目录/子目录/ファイル 名前.txt", (3 * P) + 1 },
        { "spaces and + plus % percent # hash ? question & amp = eq.bin", P / 4 },
        { "spaces and + plus % percent # hash ? question & amp = eq.bin", (3 * P) + 1 },
        { "Ünïcödé/émoji 😀/%20%2B already-escaped?x=1#frag", (2 * P) + 3 },
        { " leading and trailing space ", 10 },
        { "dots/./in/../segments/b.bin", P / 4 },
        { "./dot-first/../x.bin", (2 * P) + 5 },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task TheKeyRoundTrips(string key, int length)
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(length, seed: length);

        ResumableUploadResult result = await harness.CreateClient().ResumableUploadAsync(harness.Request(path, key));

        await harness.AssertStoredAsync(key, File.ReadAllBytes(path), result);
        Assert.All(harness.Server.Requests, r => Assert.Equal(key, r.ObjectKey));
    }

    [Theory]
    [InlineData("目录/ファイル 名前 + % # ?.bin", OssSignatureVersion.V4)]
    [InlineData("目录/ファイル 名前 + % # ?.bin", OssSignatureVersion.V1)]
    public async Task AnUploadWithSuchAKeyResumes(string key, OssSignatureVersion version)
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(4 * P, seed: 81);
        string uploadId = await harness.UploadAndCancelAtPartAsync(path, key, cancelAtPart: 3);

        ResumableUploadResult result = await harness.CreateClient(version).ResumableUploadAsync(harness.Request(path, key));

        Assert.True(result.Resumed);
        Assert.Equal(uploadId, result.UploadId);
        await harness.AssertStoredAsync(key, File.ReadAllBytes(path), result);
        Assert.Equal(P, harness.Server.GetPartBytesReceived(uploadId, 1));
        Assert.True(harness.Server.GetObject(EndToEndHarness.Bucket, key)!.IsMultipart);
    }
}
