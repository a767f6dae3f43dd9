using System.Text.Json;
using Oss.ResumableUpload.Checkpoints;

namespace Oss.ResumableUpload.Tests.Checkpoints;

public sealed class CheckpointSerializerTests
{
    [Fact]
    public void Round_trips_every_field()
    {
        CheckpointDocument original = CheckpointDocuments.Create();
        string json = CheckpointSerializer.Serialize(original);

        Assert.True(CheckpointSerializer.TryDeserialize(json, out CheckpointDocument? read, out string? error), error);
        Assert.Equal(original.UploadId, read!.UploadId);
        Assert.Equal(original.BucketName, read.BucketName);
        Assert.Equal(original.ObjectKey, read.ObjectKey);
        Assert.Equal(original.FilePath, read.FilePath);
        Assert.Equal(original.Fingerprint, read.Fingerprint);
        Assert.Equal(original.FileSize, read.FileSize);
        Assert.Equal(original.PartSize, read.PartSize);
        Assert.Equal(original.PartCount, read.PartCount);
        Assert.Equal(original.Parts.Select(p => (p.Number, p.Size, p.ETag, p.Crc64)), read.Parts.Select(p => (p.Number, p.Size, p.ETag, p.Crc64)));
    }

    [Fact]
    public void Writes_the_documented_shape_with_the_checksum_last()
    {
        string json = CheckpointSerializer.Serialize(CheckpointDocuments.Create());
        using JsonDocument document = JsonDocument.Parse(json);
        string[] names = document.RootElement.EnumerateObject().Select(p => p.Name).ToArray();

        Assert.Equal(["formatVersion", "uploadId", "bucketName", "objectKey", "filePath", "fingerprint", "fileSize", "partSize", "partCount", "parts", "checksum"], names);
        Assert.StartsWith("xxh128:", document.RootElement.GetProperty("checksum").GetString());

        // CRC-64 values are strings, so that no reader loses digits to doubles.
        Assert.Equal(JsonValueKind.String, document.RootElement.GetProperty("parts")[0].GetProperty("crc64").ValueKind);
    }

    [Theory]
    [InlineData("\"uploadId\":\"upload-1\"", "\"uploadId\":\"upload-2\"")]
    [InlineData("\"fileSize\":", "\"fileSize\":1")]
    [InlineData("\"number\":2", "\"number\":3")]
    public void Rejects_a_tampered_document(string find, string replace)
    {
        string json = CheckpointSerializer.Serialize(CheckpointDocuments.Create());
        Assert.Contains(find, json);
        string tampered = json.Replace(find, replace, StringComparison.Ordinal);

        Assert.False(CheckpointSerializer.TryDeserialize(tampered, out _, out string? error));
        Assert.Contains("checksum", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("null")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"formatVersion\":1}")]
    [InlineData("{\"formatVersion\":99,\"checksum\":\"xxh128:00\"}")]
    public void Rejects_garbage_without_throwing(string json)
        => Assert.False(CheckpointSerializer.TryDeserialize(json, out _, out _));

    [Fact]
    public void Never_contains_credentials()
    {
        string json = CheckpointSerializer.Serialize(CheckpointDocuments.Create());
        Assert.DoesNotContain("secret", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("token", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("authorization", json, StringComparison.OrdinalIgnoreCase);
    }
}
