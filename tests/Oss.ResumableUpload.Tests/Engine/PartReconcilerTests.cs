using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Resumable;

namespace Oss.ResumableUpload.Tests.Engine;

public sealed class PartReconcilerTests
{
    private const long Part = 100 * 1024;
    private static readonly PartLayout s_layout = PartLayout.Compute((4 * Part) + 10, Part);

    [Fact]
    public void Keeps_checkpoint_parts_the_server_confirms_ignoring_quotes_and_case()
    {
        PartReconciliation result = PartReconciler.Reconcile(s_layout, [Recorded(1, "\"ABCDEF\"", 7)], [Server(1, "abcdef", 7)]);

        CompletedPart kept = Assert.Single(result.Kept);
        Assert.Equal((1, Part, 7UL), (kept.Number, kept.Size, kept.Crc64));
        Assert.Empty(result.Candidates);
        Assert.Equal(0, result.DroppedFromCheckpoint);
    }

    [Fact]
    public void Server_parts_the_checkpoint_lacks_or_records_differently_become_candidates()
    {
        PartReconciliation result = PartReconciler.Reconcile(
            s_layout,
            [Recorded(1, "\"A\"", 1), Recorded(2, "\"B\"", 2)],
            [Server(1, "\"A\"", 99), Server(2, "\"OTHER\"", 2), Server(3, "\"C\"", 3)]);

        Assert.Empty(result.Kept);
        Assert.Equal([1, 2, 3], result.Candidates.Select(c => c.PartNumber));
        Assert.Equal(2, result.DroppedFromCheckpoint);
    }

    [Fact]
    public void Server_parts_of_the_wrong_size_or_outside_the_layout_are_ignored_and_missing_ones_dropped()
    {
        PartReconciliation result = PartReconciler.Reconcile(
            s_layout,
            [Recorded(4, "\"D\"", 4)],
            [Server(2, "\"B\"", 2, size: Part - 1), Server(6, "\"F\"", 6), Server(5, "\"E\"", 5, size: 11)]);

        Assert.Empty(result.Kept);
        Assert.Empty(result.Candidates);
        Assert.Equal(1, result.DroppedFromCheckpoint);
    }

    [Fact]
    public void The_last_part_is_matched_with_its_own_size()
    {
        PartReconciliation result = PartReconciler.Reconcile(s_layout, [Recorded(5, "\"E\"", 5, size: 10)], [Server(5, "\"E\"", 5, size: 10)]);

        Assert.Single(result.Kept);
    }

    private static CheckpointPart Recorded(int number, string etag, ulong crc, long size = Part)
        => new() { Number = number, Size = size, ETag = etag, Crc64 = crc };

    private static OssPartInfo Server(int number, string etag, ulong? crc, long size = Part)
        => new() { PartNumber = number, ETag = etag, Size = size, HashCrc64Ecma = crc };
}
