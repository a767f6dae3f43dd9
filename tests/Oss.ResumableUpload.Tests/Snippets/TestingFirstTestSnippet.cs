// The first test of docs/testing-with-oss-test-server.md, as the reader would write it; it runs with the suite.
#pragma warning disable IDE0005 // The reader's project may have no global using of Xunit; this one has.
// <snippet:testing-first-test>
using Oss.ResumableUpload;
using Oss.ResumableUpload.Testing;
using Xunit;

namespace MyApp.Tests;

public sealed class PhotoUploaderTests
{
    [Fact]
    public async Task UploadsThePhotoInParts()
    {
        var options = new OssTestServerOptions();
        options.Buckets.Add("photos");
        await using OssTestServer server = await OssTestServer.StartAsync(options);

        // Endpoint, region and the server's default credential, signed with V4.
        using var client = new OssClient(server.CreateClientOptions());

        string path = Path.GetTempFileName();
        await File.WriteAllBytesAsync(path, new byte[3 * 1024 * 1024]);
        await client.ResumableUploadAsync(new ResumableUploadRequest
        {
            BucketName = "photos",
            ObjectKey = "2024/beach.jpg",
            UploadFilePath = path,
            PartSize = 1024 * 1024,
        });
        File.Delete(path);

        OssStoredObject stored = server.GetObject("photos", "2024/beach.jpg")!;
        Assert.Equal(3 * 1024 * 1024, stored.Size);
        Assert.True(stored.IsMultipart);
        Assert.Equal(3, server.Requests.Of(OssOperationKind.UploadPart).Count);
        Assert.Empty(server.GetUploads());            // nothing left behind
    }
}
// </snippet>
