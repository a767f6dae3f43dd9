using Oss.ResumableUpload.Resumable;

namespace Oss.ResumableUpload.Tests.Engine;

public sealed class PartLayoutTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void Default_part_size_is_one_mebibyte()
        => Assert.Equal(MiB, new ResumableUploadRequest { BucketName = "b", ObjectKey = "k", UploadFilePath = "f" }.PartSize);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(MiB, 1)]
    [InlineData(MiB + 1, 2)]
    [InlineData(10 * MiB, 10)]
    public void Counts_parts_with_the_requested_size(long fileSize, int expectedParts)
    {
        PartLayout layout = PartLayout.Compute(fileSize, MiB);
        Assert.Equal(MiB, layout.PartSize);
        Assert.Equal(expectedParts, layout.PartCount);
    }

    [Fact]
    public void Exactly_ten_thousand_parts_keeps_the_size()
    {
        PartLayout layout = PartLayout.Compute(10_000 * MiB, MiB);
        Assert.Equal(MiB, layout.PartSize);
        Assert.Equal(10_000, layout.PartCount);
    }

    [Fact]
    public void One_byte_more_than_ten_thousand_parts_doubles_the_size()
    {
        PartLayout layout = PartLayout.Compute((10_000 * MiB) + 1, MiB);
        Assert.Equal(2 * MiB, layout.PartSize);
        Assert.Equal(5001, layout.PartCount);
    }

    [Theory]
    [InlineData(20L * 1024 * MiB)]
    [InlineData(1024L * 1024 * MiB)]
    [InlineData(48L * 1024 * 1024 * MiB)]
    public void Large_files_never_need_more_than_ten_thousand_parts(long fileSize)
    {
        PartLayout layout = PartLayout.Compute(fileSize, ResumableUploadRequest.MinPartSize);
        Assert.InRange(layout.PartCount, 1, 10_000);
        Assert.InRange(layout.PartSize, ResumableUploadRequest.MinPartSize, ResumableUploadRequest.MaxPartSize);
        Assert.True(layout.PartSize * layout.PartCount >= fileSize);
    }

    [Fact]
    public void A_file_beyond_ten_thousand_max_parts_is_refused()
        => Assert.Throws<ArgumentException>(() => PartLayout.Compute(PartLayout.MaxFileSize + 1, MiB));

    [Fact]
    public void The_last_part_holds_the_rest()
    {
        PartLayout layout = PartLayout.Compute((3 * MiB) + 7, MiB);
        Assert.Equal(4, layout.PartCount);
        Assert.Equal(3 * MiB, layout.GetOffset(4));
        Assert.Equal(7, layout.GetLength(4));
        Assert.Equal(MiB, layout.GetLength(3));
    }

    [Theory]
    [InlineData(10 * MiB, MiB, 10, true)]
    [InlineData(10 * MiB, MiB, 11, false)]
    [InlineData(10 * MiB, 1000, 10486, false)]
    [InlineData(20_000 * MiB, MiB, 20_000, false)]
    public void Restores_only_layouts_that_fit_the_file(long fileSize, long partSize, int partCount, bool expected)
        => Assert.Equal(expected, PartLayout.TryRestore(fileSize, partSize, partCount, out _));
}
