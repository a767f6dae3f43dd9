using Oss.ResumableUpload.Tests.Infrastructure;
using Oss.ResumableUpload.Transport;

namespace Oss.ResumableUpload.Tests.Validation;

/// <summary>PutObject copies a non-seekable stream into memory only up to a documented limit.</summary>
public sealed class PutObjectStreamLimitTests
{
    [Fact]
    public async Task ANonSeekableStreamLongerThanTheLimitIsRefusedOnceItPassesIt()
    {
        var stream = new NonSeekableStream(new byte[10_000], maxRead: 1000);

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => StreamRequestBody.CreateAsync(stream, null, "request", CancellationToken.None, maxBufferedLength: 4_000));

        Assert.Contains("ResumableUploadAsync", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANonSeekableStreamWithALengthAboveTheLimitIsRefusedBeforeAnyRead()
    {
        var stream = new NonSeekableStream(new byte[10_000]);

        await Assert.ThrowsAsync<ArgumentException>(() => StreamRequestBody.CreateAsync(stream, 9_000, "request", CancellationToken.None, maxBufferedLength: 4_000));
    }

    [Fact]
    public async Task ANonSeekableStreamWithinTheLimitIsCopiedAndHashed()
    {
        byte[] content = Enumerable.Range(0, 3_000).Select(i => (byte)i).ToArray();

        (OssRequestBody body, Oss.ResumableUpload.Hashing.Md5Digest md5) = await StreamRequestBody.CreateAsync(new NonSeekableStream(content), null, "request", CancellationToken.None, maxBufferedLength: 4_000);

        Assert.Equal(content.Length, body.Length);
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(content)), md5.ToBase64());
    }
}
