using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Tests.Infrastructure;

namespace Oss.ResumableUpload.Tests.EndToEnd;

/// <summary>Damaged and hand-edited checkpoint files in a real directory are ignored with a warning, never a crash.</summary>
public sealed partial class CheckpointFileTests
{
    private const int P = EndToEndHarness.PartSize;
    private const string Key = "checkpoints/object.bin";

    public enum Damage
    {
        Garbage,
        Truncated,
        Empty,
        ETagEdited,
        PartSizeEdited,
        UploadIdSwapped,
    }

    [Theory]
    [InlineData(Damage.Garbage)]
    [InlineData(Damage.Truncated)]
    [InlineData(Damage.Empty)]
    [InlineData(Damage.ETagEdited)]
    [InlineData(Damage.PartSizeEdited)]
    [InlineData(Damage.UploadIdSwapped)]
    public async Task ADamagedCheckpointIsIgnoredWithAWarningAndTheUploadSucceeds(Damage damage)
    {
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(5 * P, seed: 71);
        string uploadId = await harness.UploadAndCancelAtPartAsync(path, Key, cancelAtPart: 4);
        string checkpoint = Assert.Single(harness.CheckpointFiles());
        string? otherUploadId = null;
        if (damage == Damage.UploadIdSwapped)
        {
            otherUploadId = (await harness.CreateClient().InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = EndToEndHarness.Bucket, ObjectKey = Key })).UploadId;
        }

        Corrupt(checkpoint, damage, uploadId, otherUploadId);
        var logs = new ListLoggerFactory();

        ResumableUploadResult result = await harness.CreateClient(loggerFactory: logs).ResumableUploadAsync(harness.Request(path, Key));

        Assert.False(result.Resumed);
        Assert.NotEqual(uploadId, result.UploadId);
        Assert.NotEqual(otherUploadId, result.UploadId);
        Assert.Equal(5L * P, harness.Server.GetPartBytesReceived(result.UploadId!));
        byte[] expected = File.ReadAllBytes(path);
        byte[] stored = await harness.Server.ReadObjectAsync(EndToEndHarness.Bucket, Key);
        Assert.Equal(expected, stored);
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Warning && l.EventId.Id is 3001 or 3007);
        Assert.Empty(harness.CheckpointFiles());
    }

    [Fact]
    public async Task CheckpointFileNamesAreHashesWhateverTheKey()
    {
        const string key = "etc/passwd 目录 + % # ? \\ <>:|*";
        await using EndToEndHarness harness = await EndToEndHarness.StartAsync();
        string path = harness.CreateFile(3 * P, seed: 72);

        await harness.UploadAndCancelAtPartAsync(path, key, cancelAtPart: 2);

        string file = Path.GetFileName(Assert.Single(harness.CheckpointFiles()));
        Assert.Matches(HashName(), file);
        Assert.Empty(Directory.GetFiles(harness.DirectoryPath, "*passwd*", SearchOption.AllDirectories));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(harness.CheckpointDirectory, file)));
        }
    }

    private static void Corrupt(string checkpoint, Damage damage, string uploadId, string? otherUploadId)
    {
        string text = File.ReadAllText(checkpoint, Encoding.UTF8);
        switch (damage)
        {
            case Damage.Garbage:
                File.WriteAllBytes(checkpoint, EndToEndHarness.Content(700, seed: 9));
                return;
            case Damage.Truncated:
                File.WriteAllText(checkpoint, text[..(text.Length / 2)]);
                return;
            case Damage.Empty:
                File.WriteAllBytes(checkpoint, []);
                return;
            case Damage.ETagEdited:
                Match etag = ETagValue().Match(text);
                Assert.True(etag.Success, "The checkpoint holds no part ETag: " + text);
                char first = etag.Groups[1].Value[0];
                Replace(checkpoint, text, etag.Groups[1].Index, first == 'A' ? "B" : "A");
                return;
            case Damage.PartSizeEdited:
                Assert.Contains("\"partSize\":102400", text, StringComparison.Ordinal);
                File.WriteAllText(checkpoint, text.Replace("\"partSize\":102400", "\"partSize\":204800", StringComparison.Ordinal));
                return;
            default:
                Assert.Contains(uploadId, text, StringComparison.Ordinal);
                File.WriteAllText(checkpoint, text.Replace(uploadId, otherUploadId, StringComparison.Ordinal));
                return;
        }
    }

    private static void Replace(string checkpoint, string text, int index, string replacement)
        => File.WriteAllText(checkpoint, string.Concat(text.AsSpan(0, index), replacement, text.AsSpan(index + 1)));

    [GeneratedRegex("^[0-9a-f]{32}-[0-9a-f]{32}\\.ckpt$")]
    private static partial Regex HashName();

    [GeneratedRegex("\"eTag\":\"(?:\\\\u0022|\\\\\")([0-9A-F])")]
    private static partial Regex ETagValue();
}
