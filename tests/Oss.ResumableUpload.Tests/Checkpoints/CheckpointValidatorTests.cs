using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Resumable;

namespace Oss.ResumableUpload.Tests.Checkpoints;

public sealed class CheckpointValidatorTests
{
    [Fact]
    public void Accepts_a_matching_document_and_restores_its_layout()
    {
        CheckpointDocument document = CheckpointDocuments.Create();

        Assert.Null(CheckpointValidator.Validate(document, CheckpointDocuments.Key, document.FileSize, out PartLayout layout));
        Assert.Equal(5, layout.PartCount);
        Assert.Equal(CheckpointDocuments.PartSize, layout.PartSize);
    }

    private static readonly Dictionary<string, (string Reason, Action<CheckpointDocument> Corrupt)> s_corruptions = new()
    {
        ["no upload id"] = ("upload id", d => d.UploadId = string.Empty),
        ["other bucket"] = ("bucket", d => d.BucketName = "other-bucket"),
        ["other key"] = ("key", d => d.ObjectKey = "other/key"),
        ["other fingerprint"] = ("version of the file", d => d.Fingerprint = "v1-other"),
        ["other size"] = ("bytes", d => d.FileSize += 1),
        ["wrong part count"] = ("layout", d => d.PartCount = 4),
        ["part size below minimum"] = ("layout", d => d.PartSize = 1000),
        ["parts out of order"] = ("order", d => d.Parts.Reverse()),
        ["part beyond the layout"] = ("range", d => d.Parts[1].Number = 6),
        ["part of the wrong size"] = ("bytes", d => d.Parts[0].Size = 5),
        ["part without ETag"] = ("ETag", d => d.Parts[0].ETag = string.Empty),
    };

    public static TheoryData<string> Corruptions() => new(s_corruptions.Keys);

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Rejects_a_document_that_does_not_fit(string corruption)
    {
        (string reasonFragment, Action<CheckpointDocument> corrupt) = s_corruptions[corruption];
        CheckpointDocument document = CheckpointDocuments.Create();
        long fileSize = document.FileSize;
        corrupt(document);

        string? reason = CheckpointValidator.Validate(document, CheckpointDocuments.Key, fileSize, out _);

        Assert.NotNull(reason);
        Assert.Contains(reasonFragment, reason, StringComparison.OrdinalIgnoreCase);
    }
}
