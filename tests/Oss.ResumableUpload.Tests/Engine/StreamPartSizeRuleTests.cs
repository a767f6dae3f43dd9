using Oss.ResumableUpload.Resumable;

namespace Oss.ResumableUpload.Tests.Engine;

/// <summary>The part sizes of a stream of unknown length: doubling every 50 parts, capped at 5 GiB.</summary>
public sealed class StreamPartSizeRuleTests
{
    private const long KiB = 1024;
    private const long MiB = 1024 * KiB;
    private const long GiB = 1024 * MiB;

    [Theory]
    [InlineData(100 * KiB)]
    [InlineData(1 * MiB)]
    [InlineData(5 * GiB)]
    public void TenThousandPartsHoldAtLeast48Point8Terabytes(long requested)
    {
        long total = 0;
        for (int part = 1; part <= ResumableUploadRequest.MaxPartCount; part++)
        {
            long size = StreamPartSizeRule.SizeOf(part, requested);
            Assert.InRange(size, requested, ResumableUploadRequest.MaxPartSize);
            total += size;
        }

        Assert.True(total >= 48_800_000_000_000L, $"10,000 parts from {requested} bytes hold only {total} bytes.");
        Assert.Equal(total, StreamPartSizeRule.MaxLength(requested));
    }

    [Fact]
    public void SizesDoubleEveryFiftyPartsAndStopAtFiveGiB()
    {
        Assert.Equal(MiB, StreamPartSizeRule.SizeOf(1, MiB));
        Assert.Equal(MiB, StreamPartSizeRule.SizeOf(50, MiB));
        Assert.Equal(2 * MiB, StreamPartSizeRule.SizeOf(51, MiB));
        Assert.Equal(4 * MiB, StreamPartSizeRule.SizeOf(101, MiB));
        Assert.Equal(4 * GiB, StreamPartSizeRule.SizeOf((12 * 50) + 1, MiB));
        Assert.Equal(5 * GiB, StreamPartSizeRule.SizeOf((13 * 50) + 1, MiB));
        Assert.Equal(5 * GiB, StreamPartSizeRule.SizeOf(10_000, MiB));
        Assert.Equal(150 * MiB, StreamPartSizeRule.OffsetOf(101, MiB));
    }

    [Theory]
    [InlineData(0L, 1)]
    [InlineData(1L, 1)]
    [InlineData(50L * 100 * 1024, 50)]
    [InlineData((50L * 100 * 1024) + 1, 51)]
    [InlineData((50L * 100 * 1024) + (50L * 200 * 1024), 100)]
    public void AGrowingLayoutCutsTheStreamWhereTheReaderDid(long length, int parts)
    {
        PartLayout layout = PartLayout.ForGrowingParts(length, 100 * KiB);

        Assert.Equal(parts, layout.PartCount);
        long sum = 0;
        for (int part = 1; part <= layout.PartCount; part++)
        {
            Assert.Equal(sum, layout.GetOffset(part));
            sum += layout.GetLength(part);
        }

        Assert.Equal(length, sum);
    }

    [Fact]
    public void AStreamLongerThanTenThousandPartsIsRefused()
        => Assert.Throws<ArgumentException>(() => PartLayout.ForGrowingParts(StreamPartSizeRule.MaxLength(100 * KiB) + 1, 100 * KiB));
}
