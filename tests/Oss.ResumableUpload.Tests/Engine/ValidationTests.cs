namespace Oss.ResumableUpload.Tests.Engine;

public sealed class ValidationTests : IDisposable
{
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Theory]
    [InlineData(ResumableUploadRequest.MinPartSize - 1)]
    [InlineData(ResumableUploadRequest.MaxPartSize + 1)]
    [InlineData(0)]
    public async Task A_part_size_out_of_range_is_refused_before_any_request(long partSize)
    {
        string path = _h.Files.Create(10);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _h.CreateUploader().UploadAsync(_h.Request(path, partSize: partSize), CancellationToken.None));
        Assert.Empty(_h.Fake.Calls);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public async Task A_concurrency_out_of_range_is_refused_before_any_request(int concurrency)
    {
        string path = _h.Files.Create(10);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _h.CreateUploader().UploadAsync(_h.Request(path, concurrency: concurrency), CancellationToken.None));
        Assert.Empty(_h.Fake.Calls);
    }

    [Theory]
    [InlineData("Bad_Bucket", "k")]
    [InlineData("ok-bucket", "")]
    [InlineData("ok-bucket", "/leading-slash")]
    public async Task A_bad_bucket_or_key_is_refused_before_any_request(string bucket, string key)
    {
        string path = _h.Files.Create(10);
        var request = new ResumableUploadRequest { BucketName = bucket, ObjectKey = key, UploadFilePath = path };
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _h.CreateUploader().UploadAsync(request, CancellationToken.None));
        Assert.Empty(_h.Fake.Calls);
    }

    [Fact]
    public async Task A_missing_file_is_a_FileNotFoundException()
    {
        var request = new ResumableUploadRequest { BucketName = "ok-bucket", ObjectKey = "k", UploadFilePath = Path.Combine(_h.Files.DirectoryPath, "missing.bin") };
        FileNotFoundException error = await Assert.ThrowsAsync<FileNotFoundException>(() => _h.CreateUploader().UploadAsync(request, CancellationToken.None));
        Assert.EndsWith("missing.bin", error.FileName);
        Assert.Empty(_h.Fake.Calls);
    }

    [Fact]
    public async Task A_null_request_is_an_ArgumentNullException()
        => await Assert.ThrowsAsync<ArgumentNullException>(() => _h.CreateUploader().UploadAsync(null!, CancellationToken.None));
}
