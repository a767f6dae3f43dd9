using Oss.ResumableUpload.Resumable.Concurrency;

namespace Oss.ResumableUpload.Tests.Resumable;

/// <summary>How many parts in flight a request allows at most: min(64, max(MaxConcurrency, AdaptiveMemoryLimit ÷ PartSize)), or MaxConcurrency.</summary>
public sealed class ConcurrencyCeilingTests
{
    private const long MiB = 1024 * 1024;

    [Theory]
    [InlineData(4, 64 * MiB, 1 * MiB, 64)]        // the defaults
    [InlineData(4, 64 * MiB, 16 * MiB, 4)]        // big parts: the memory allows only MaxConcurrency
    [InlineData(4, 64 * MiB, 8 * MiB, 8)]
    [InlineData(2, 1 * MiB, 100 * 1024, 10)]
    [InlineData(8, 2 * MiB, 1 * MiB, 8)]          // never below MaxConcurrency
    [InlineData(4, 1, 1 * MiB, 4)]
    [InlineData(4, 16L * 1024 * MiB, 100 * 1024, 64)] // never above 64
    public void Adaptive_requests_are_bounded_by_their_memory(int maxConcurrency, long memoryLimit, long partSize, int expected)
    {
        var request = new ResumableUploadRequest { BucketName = "b", ObjectKey = "k", UploadFilePath = "f", MaxConcurrency = maxConcurrency, AdaptiveMemoryLimit = memoryLimit };
        Assert.Equal(expected, AdaptiveConcurrencyController.CeilingFor(request, partSize));
    }

    [Fact]
    public void Adaptive_off_is_exactly_MaxConcurrency()
    {
        var request = new ResumableUploadRequest { BucketName = "b", ObjectKey = "k", UploadFilePath = "f", MaxConcurrency = 3, AdaptiveConcurrency = false };
        Assert.Equal(3, AdaptiveConcurrencyController.CeilingFor(request, MiB));
    }

    [Fact]
    public void A_directory_budget_turns_adaptation_off()
    {
        using var budget = new Oss.ResumableUpload.Directories.TransferBudget(8);
        var request = new ResumableUploadRequest { BucketName = "b", ObjectKey = "k", UploadFilePath = "f", MaxConcurrency = 3, Budget = budget };
        Assert.Equal(3, AdaptiveConcurrencyController.CeilingFor(request, MiB));
    }

    [Fact]
    public void The_documented_defaults_hold()
    {
        var request = new ResumableUploadRequest { BucketName = "b", ObjectKey = "k", UploadFilePath = "f" };
        Assert.True(request.AdaptiveConcurrency);
        Assert.Equal(64 * MiB, request.AdaptiveMemoryLimit);
        Assert.Equal(4, request.MaxConcurrency);
    }
}
