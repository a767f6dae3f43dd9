using System.Text.Json;
using System.Text.Json.Nodes;
using Oss.ResumableUpload.Checkpoints;

namespace Oss.ResumableUpload.Tests.Engine;

/// <summary>
/// A checkpoint is untrusted input: a document whose checksum is valid can still hold nonsense in any field. Each
/// case here takes a real checkpoint, puts one wrong value in one field, gives it a valid checksum and stores it.
/// The next upload must ignore and remove it (with a warning) or resume it if it is still sound, and must succeed
/// with the file's exact bytes, send no request built from the wrong value, and leave the store empty.
/// </summary>
public sealed class PoisonedCheckpointTests : IDisposable
{
    private const int Part = EngineHarness.Part;
    private const int PartCount = 5;
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static readonly Dictionary<string, (Action<JsonObject> Mutate, bool MustBeIgnored)> s_cases = new()
    {
        ["uploadId null"] = (d => d["uploadId"] = null, true),
        ["uploadId empty"] = (d => d["uploadId"] = string.Empty, true),
        ["uploadId 64 KiB"] = (d => d["uploadId"] = new string('A', 64 * 1024), true),
        ["uploadId with CRLF"] = (d => d["uploadId"] = "upload-1\r\nX-Injected: 1", true),
        ["uploadId with space"] = (d => d["uploadId"] = "upload 1", true),
        ["uploadId a number"] = (d => d["uploadId"] = 12, true),
        ["bucketName null"] = (d => d["bucketName"] = null, true),
        ["bucketName other"] = (d => d["bucketName"] = "other-bucket", true),
        ["objectKey null"] = (d => d["objectKey"] = null, true),
        ["objectKey 1 MiB"] = (d => d["objectKey"] = new string('k', 1024 * 1024), true),
        ["fingerprint null"] = (d => d["fingerprint"] = null, true),
        ["fingerprint empty"] = (d => d["fingerprint"] = string.Empty, true),
        ["filePath null"] = (d => d["filePath"] = null, false),
        ["filePath huge"] = (d => d["filePath"] = new string('p', 100_000), false),
        ["fileSize negative"] = (d => d["fileSize"] = -1, true),
        ["fileSize zero"] = (d => d["fileSize"] = 0, true),
        ["fileSize max"] = (d => d["fileSize"] = long.MaxValue, true),
        ["fileSize plus one"] = (d => d["fileSize"] = (PartCount * Part) + 1, true),
        ["partSize zero"] = (d => d["partSize"] = 0, true),
        ["partSize negative"] = (d => d["partSize"] = -Part, true),
        ["partSize one"] = (d => d["partSize"] = 1, true),
        ["partSize max"] = (d => d["partSize"] = long.MaxValue, true),
        ["partSize over 5 GiB"] = (d => d["partSize"] = (5L << 30) + 1, true),
        ["partCount zero"] = (d => d["partCount"] = 0, true),
        ["partCount negative"] = (d => d["partCount"] = -1, true),
        ["partCount max"] = (d => d["partCount"] = int.MaxValue, true),
        ["partCount 10001"] = (d => d["partCount"] = 10_001, true),
        ["partCount too large number"] = (d => d["partCount"] = 1e30, true),
        ["formatVersion 0"] = (d => d["formatVersion"] = 0, true),
        ["formatVersion 2"] = (d => d["formatVersion"] = 2, true),
        ["parts null"] = (d => d["parts"] = null, true),
        ["parts an object"] = (d => d["parts"] = new JsonObject(), true),
        ["parts empty"] = (d => d["parts"] = new JsonArray(), false),
        ["parts with a null entry"] = (d => Parts(d).Add(null), true),
        ["part duplicated"] = (d => Parts(d).Add(Parts(d)[0]!.DeepClone()), true),
        ["parts descending"] = (d => { JsonNode first = Parts(d)[0]!.DeepClone(); Parts(d).RemoveAt(0); Parts(d).Add(first); }, true),
        ["part number 0"] = (d => Parts(d)[0]!["number"] = 0, true),
        ["part number negative"] = (d => Parts(d)[0]!["number"] = -3, true),
        ["part number beyond the layout"] = (d => Parts(d)[1]!["number"] = PartCount + 1, true),
        ["part number 10001"] = (d => Parts(d)[1]!["number"] = 10_001, true),
        ["part size negative"] = (d => Parts(d)[0]!["size"] = -1, true),
        ["part size huge"] = (d => Parts(d)[0]!["size"] = long.MaxValue, true),
        ["part etag null"] = (d => Parts(d)[0]!["eTag"] = null, true),
        ["part etag empty"] = (d => Parts(d)[0]!["eTag"] = string.Empty, true),
        ["part etag 64 KiB"] = (d => Parts(d)[0]!["eTag"] = new string('E', 64 * 1024), true),
        ["part etag with control characters"] = (d => Parts(d)[0]!["eTag"] = "\"AB\u0001\u001b[31m\"", true),
        ["part etag wrong but well-formed"] = (d => Parts(d)[0]!["eTag"] = "\"00000000000000000000000000000000\"", false),
        ["part crc64 wrong"] = (d => Parts(d)[0]!["crc64"] = "12345", false),
        ["part crc64 not a number"] = (d => Parts(d)[0]!["crc64"] = "abc", true),
        ["part crc64 negative"] = (d => Parts(d)[0]!["crc64"] = "-1", true),
        ["part crc64 beyond 64 bits"] = (d => Parts(d)[0]!["crc64"] = "18446744073709551616", true),
        ["5000 parts"] = (d => { JsonArray parts = Parts(d); for (int i = 0; i < 5000; i++) { parts.Add(parts[0]!.DeepClone()); } }, true),
    };

    public static TheoryData<string> Cases() => new(s_cases.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_wrong_value_in_any_field_never_breaks_the_next_upload(string name)
    {
        (Action<JsonObject> mutate, bool mustBeIgnored) = s_cases[name];
        string path = _h.Files.Create(PartCount * Part);
        (CheckpointKey key, string json) = await LeaveCheckpointAsync(path);
        await _h.Store.SaveAsync(key, Poison(json, mutate));
        _h.Fake.Calls.Clear();
        _h.Fake.BeforeUploadPart = null;

        ResumableUploadResult result = await _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None);

        Assert.Equal(File.ReadAllBytes(path), _h.StoredObject());
        Assert.Equal(PartCount * (long)Part, result.ContentLength);
        Assert.Equal(0, _h.Store.Count);
        Assert.All(_h.Fake.Calls, call => Assert.True(call.UploadId is null || _h.Fake.IssuedUploadIds.Contains(call.UploadId), $"{call.Operation} sent upload id of {call.UploadId?.Length} characters"));
        if (mustBeIgnored)
        {
            Assert.True(_h.Logger.Has(3001), "The checkpoint was not reported as ignored.");
            Assert.False(result.Resumed);
        }

        // The next run finds nothing left of the poisoned document.
        _h.Fake.Calls.Clear();
        await _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None);
        Assert.Empty(_h.Fake.CallsOf("ListParts"));
    }

    [Fact]
    public async Task A_superseded_checkpoint_with_a_malformed_upload_id_is_removed_without_a_request()
    {
        string path = _h.Files.Create(PartCount * Part);
        (CheckpointKey key, string json) = await LeaveCheckpointAsync(path);
        var stale = new CheckpointKey(key.BucketName, key.ObjectKey, "an-older-version");
        await _h.Store.SaveAsync(stale, Poison(json, d => { d["fingerprint"] = stale.FileFingerprint; d["uploadId"] = new string('A', 64 * 1024); }));
        await _h.Store.DeleteAsync(key);
        _h.Fake.Calls.Clear();
        _h.Fake.BeforeUploadPart = null;

        await _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None);

        Assert.Empty(_h.Fake.CallsOf("Abort"));
        Assert.Equal(0, _h.Store.Count);
    }

    private static JsonArray Parts(JsonObject document) => document["parts"]!.AsArray();

    /// <summary>Applies the mutation and re-signs the document so that its checksum is valid, when it still parses.</summary>
    private static string Poison(string json, Action<JsonObject> mutate)
    {
        JsonObject document = JsonNode.Parse(json)!.AsObject();
        document.Remove("checksum");
        mutate(document);
        string mutated = document.ToJsonString();
        try
        {
            CheckpointDocument? parsed = JsonSerializer.Deserialize(mutated, CheckpointJsonContext.Default.CheckpointDocument);
            return parsed is null ? mutated : CheckpointSerializer.Serialize(parsed);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
        {
            // Not even the right shape: stored as is, as garbage with no checksum.
            return mutated;
        }
    }

    /// <summary>Uploads until part 3 fails, which keeps a real checkpoint with parts 1 and 2.</summary>
    private async Task<(CheckpointKey Key, string Json)> LeaveCheckpointAsync(string path)
    {
        _h.FailPart(3);
        await Assert.ThrowsAsync<OssServiceException>(() => _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None));
        var keys = new List<CheckpointKey>();
        await foreach (CheckpointKey key in _h.Store.ListAsync(EngineHarness.Bucket, "dir/object.bin"))
        {
            keys.Add(key);
        }

        CheckpointKey only = Assert.Single(keys);
        string json = (await _h.Store.LoadAsync(only))!;
        Assert.Equal(2, JsonNode.Parse(json)!["parts"]!.AsArray().Count);
        return (only, json);
    }
}
