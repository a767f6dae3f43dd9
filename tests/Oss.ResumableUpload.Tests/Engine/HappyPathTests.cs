using Oss.ResumableUpload.Hashing;

namespace Oss.ResumableUpload.Tests.Engine;

public sealed class HappyPathTests : IDisposable
{
    private const int Part = EngineHarness.Part;
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Uploads_every_part_and_completes_in_ascending_order()
    {
        string path = _h.Files.Create((10 * Part) + 1234);
        _h.Fake.BeforeUploadPart = async (part, _) =>
        {
            // Every third part finishes later, so parts complete out of order.
            if (part.PartNumber % 3 == 0)
            {
                await new ThreadPoolHop();
                await new ThreadPoolHop();
            }
        };

        ResumableUploadResult result = await _h.CreateUploader().UploadAsync(_h.Request(path, concurrency: 4), CancellationToken.None);

        byte[] file = File.ReadAllBytes(path);
        Assert.Equal(file, _h.StoredObject());
        Assert.NotNull(result.UploadId);
        Assert.Equal(OssCrc64.Compute(file), result.HashCrc64Ecma);
        Assert.Equal(file.Length, result.ContentLength);
        Assert.False(result.Resumed);
        FakeCall complete = Assert.Single(_h.Fake.CallsOf("Complete"));
        Assert.Equal(Enumerable.Range(1, 11), complete.Parts!.Select(p => p.PartNumber));
        Assert.Equal(Enumerable.Range(1, 11), _h.Fake.UploadedPartNumbers(result.UploadId!));
        Assert.Equal(0, _h.Store.Count);
    }

    [Fact]
    public async Task Keeps_at_most_MaxConcurrency_parts_in_flight_and_reaches_it()
    {
        string path = _h.Files.Create(12 * Part);
        var allThreeInFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _h.Fake.BeforeUploadPart = async (part, token) =>
        {
            if (_h.Fake.InFlightParts >= 3)
            {
                allThreeInFlight.TrySetResult();
            }

            if (part.PartNumber <= 3)
            {
                // A guard against a hang, not a timing assertion.
                await allThreeInFlight.Task.WaitAsync(TimeSpan.FromSeconds(30), token);
            }
        };

        await _h.CreateUploader().UploadAsync(_h.Request(path, concurrency: 3), CancellationToken.None);

        Assert.Equal(3, _h.Fake.MaxInFlightParts);
        Assert.Equal(File.ReadAllBytes(path), _h.StoredObject());
    }

    [Fact]
    public async Task A_file_that_fits_in_one_part_goes_up_with_one_PutObject()
    {
        string path = _h.Files.Create(Part - 1);

        ResumableUploadResult result = await _h.CreateUploader().UploadAsync(_h.Request(path, key: "notes/readme.txt"), CancellationToken.None);

        Assert.Null(result.UploadId);
        Assert.Single(_h.Fake.CallsOf("PutObject"));
        Assert.Empty(_h.Fake.CallsOf("Initiate"));
        FakeObject stored = _h.Fake.Objects[(EngineHarness.Bucket, "notes/readme.txt")];
        Assert.Equal(File.ReadAllBytes(path), stored.Data);
        Assert.Equal("text/plain", stored.ContentType);
        Assert.Equal(stored.Crc64, result.HashCrc64Ecma);
    }

    [Fact]
    public async Task An_empty_file_goes_up_as_an_empty_object()
    {
        string path = _h.Files.Create(0);

        ResumableUploadResult result = await _h.CreateUploader().UploadAsync(_h.Request(path), CancellationToken.None);

        Assert.Null(result.UploadId);
        Assert.Empty(_h.StoredObject());
        Assert.Equal(0UL, result.HashCrc64Ecma);
    }

    [Fact]
    public async Task Without_single_put_a_small_file_is_a_one_part_multipart_upload()
    {
        string path = _h.Files.Create(1000);
        ResumableUploadRequest request = _h.Request(path);
        request = new ResumableUploadRequest
        {
            BucketName = request.BucketName,
            ObjectKey = request.ObjectKey,
            UploadFilePath = path,
            UseSinglePutForSmallFiles = false,
            ContentType = "application/x-custom",
        };

        ResumableUploadResult result = await _h.CreateUploader().UploadAsync(request, CancellationToken.None);

        Assert.NotNull(result.UploadId);
        Assert.Empty(_h.Fake.CallsOf("PutObject"));
        Assert.Equal(File.ReadAllBytes(path), _h.StoredObject());
        Assert.Equal("application/x-custom", _h.Fake.Objects[(EngineHarness.Bucket, "dir/object.bin")].ContentType);
    }

    [Fact]
    public async Task Parts_above_the_streaming_threshold_stream_from_the_file()
    {
        string path = _h.Files.Create((3 * 200 * 1024) + 5);

        await _h.CreateUploader(streamingThreshold: 150 * 1024).UploadAsync(_h.Request(path, partSize: 200 * 1024, concurrency: 2), CancellationToken.None);

        Assert.Equal(File.ReadAllBytes(path), _h.StoredObject());
        Assert.Equal(4, _h.Fake.CallsOf("UploadPart").Count());
    }

    [Fact]
    public async Task Every_operation_receives_the_callers_token()
    {
        string path = _h.Files.Create(5 * Part);
        using var sentinel = new CancellationTokenSource();

        await _h.CreateUploader().UploadAsync(_h.Request(path, concurrency: 2), sentinel.Token);

        Assert.All(_h.Fake.Calls.Where(c => c.Operation != "UploadPart"), c => Assert.Equal(sentinel.Token, c.Token));
        Assert.NotEmpty(_h.Fake.CallsOf("Initiate"));
        Assert.NotEmpty(_h.Fake.CallsOf("Complete"));

        // Parts get a token linked to the caller's, so that one failing part can cancel the others.
        Assert.All(_h.Fake.CallsOf("UploadPart"), c => Assert.True(c.Token.CanBeCanceled));
    }

    [Fact]
    public async Task A_single_put_receives_the_callers_token()
    {
        string path = _h.Files.Create(10);
        using var sentinel = new CancellationTokenSource();

        await _h.CreateUploader().UploadAsync(_h.Request(path), sentinel.Token);

        Assert.Equal(sentinel.Token, Assert.Single(_h.Fake.CallsOf("PutObject")).Token);
    }
}
