using Oss.ResumableUpload.Tests.EndToEnd;

namespace Oss.ResumableUpload.Tests.Snippets;

/// <summary>The directory upload example of docs/directory-upload.md, compiled and run against the test server.</summary>
public sealed class DirectorySnippets
{
    public static async Task<DirectoryUploadResult> UploadPhotosAsync(OssClient client, string localDirectory, string checkpointDirectory, CancellationToken cancellationToken)
    {
        // <snippet:upload-directory>
        var request = new UploadDirectoryRequest
        {
            LocalDirectory = localDirectory,
            BucketName = "e2e-bucket",
            KeyPrefix = "photos/",
            Exclude = ["**/*.tmp", "**/Thumbs.db"],
            MaxConcurrency = 8,                        // parts and small files in flight, whole tree
            CheckpointDirectory = checkpointDirectory, // run again after a crash or Ctrl+C to resume
            Progress = new Progress<DirectoryUploadProgress>(p =>
                Console.WriteLine($"{p.FilesCompleted}/{p.TotalFiles} files, {p.TotalBytesSent}/{p.TotalBytesExpected} bytes")),
        };

        DirectoryUploadResult result = await client.UploadDirectoryAsync(request, cancellationToken);
        foreach (DirectoryUploadEntry failed in result.Files.Where(f => f.Outcome == DirectoryUploadOutcome.Failed))
        {
            Console.Error.WriteLine($"{failed.RelativePath}: {failed.Error!.Message}");
        }
        // </snippet>

        return result;
    }

    [Fact]
    public async Task TheDirectoryExampleUploadsTheTree()
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string root = DirectoryTestKit.CreateTree(harness, "photos", ("2026/a.jpg", 1000), ("2026/b.jpg", 2000), ("2026/b.jpg.tmp", 10));

        DirectoryUploadResult result = await UploadPhotosAsync(harness.CreateClient(), root, harness.CheckpointDirectory, CancellationToken.None);

        Assert.Equal(["photos/2026/a.jpg", "photos/2026/b.jpg"], result.Files.Select(f => f.ObjectKey));
        Assert.Equal("image/jpeg", harness.Server.GetObject(EndToEndHarness.Bucket, "photos/2026/a.jpg")!.ContentType);
    }
}
