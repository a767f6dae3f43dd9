using Oss.ResumableUpload.Hashing;

namespace Oss.ResumableUpload.Testing.Tests;

/// <summary>The library's own client against the server over real HTTP, with every signature flavour.</summary>
public sealed class MultipartFlowTests
{
    public static TheoryData<OssSignatureVersion, bool> Flavours => new()
    {
        { OssSignatureVersion.V1, false },
        { OssSignatureVersion.V4, false },
        { OssSignatureVersion.V1, true },
        { OssSignatureVersion.V4, true },
    };

    [Theory]
    [MemberData(nameof(Flavours))]
    public async Task FullMultipartFlowStoresTheObject(OssSignatureVersion version, bool sts)
    {
        var stsCredential = new OssTestCredential("sts-key", "sts-secret", "sts-token-value");
        await using OssTestServer server = await TestClients.StartAsync(o =>
        {
            if (sts)
            {
                o.Credentials.Add(stsCredential);
            }
        });
        using OssClient client = TestClients.CreateClient(server, version, sts ? stsCredential : null);
        const string Key = "dir/flow object+ü.bin";
        byte[] data = TestClients.RandomBytes((2 * 102_400) + 1_000, seed: 1);

        InitiateMultipartUploadResult initiated = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = TestClients.Bucket,
            ObjectKey = Key,
            ContentType = "application/x-test",
            Metadata = new Dictionary<string, string> { ["owner"] = "alice" },
        });
        Assert.Equal(Key, initiated.ObjectKey);
        Assert.Equal(32, initiated.UploadId.Length);

        var parts = new List<PartETag>();
        int[] sizes = [102_400, 102_400, 1_000];
        int offset = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            byte[] chunk = data.AsSpan(offset, sizes[i]).ToArray();
            UploadPartResult part = await client.UploadPartAsync(new UploadPartRequest
            {
                BucketName = TestClients.Bucket,
                ObjectKey = Key,
                UploadId = initiated.UploadId,
                PartNumber = i + 1,
                Content = new MemoryStream(chunk),
            });
            Assert.Equal(PartHasher.Compute(chunk).Md5.ToETag(), part.ETag);
            Assert.Equal(OssCrc64.Compute(chunk), part.HashCrc64Ecma);
            parts.Add(new PartETag(part.PartNumber, part.ETag));
            offset += sizes[i];
        }

        ListMultipartUploadsResult uploads = await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = TestClients.Bucket });
        Assert.Equal(initiated.UploadId, Assert.Single(uploads.Uploads).UploadId);

        ListPartsResult firstPage = await client.ListPartsAsync(new ListPartsRequest { BucketName = TestClients.Bucket, ObjectKey = Key, UploadId = initiated.UploadId, MaxParts = 2 });
        Assert.True(firstPage.IsTruncated);
        Assert.Equal(2, firstPage.NextPartNumberMarker);
        Assert.Equal([1, 2], firstPage.Parts.Select(p => p.PartNumber));
        Assert.Equal(OssCrc64.Compute(data.AsSpan(0, 102_400)), firstPage.Parts[0].HashCrc64Ecma);
        ListPartsResult secondPage = await client.ListPartsAsync(new ListPartsRequest { BucketName = TestClients.Bucket, ObjectKey = Key, UploadId = initiated.UploadId, PartNumberMarker = 2 });
        Assert.False(secondPage.IsTruncated);
        Assert.Equal(1_000, Assert.Single(secondPage.Parts).Size);

        CompleteMultipartUploadResult completed = await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = TestClients.Bucket,
            ObjectKey = Key,
            UploadId = initiated.UploadId,
            Parts = parts,
        });
        Assert.Equal(OssCrc64.Compute(data), completed.HashCrc64Ecma);
        Assert.Matches("^\"[0-9A-F]{32}-3\"$", completed.ETag);

        HeadObjectResult head = await client.HeadObjectAsync(new HeadObjectRequest { BucketName = TestClients.Bucket, ObjectKey = Key });
        Assert.Equal(data.Length, head.ContentLength);
        Assert.Equal(completed.ETag, head.ETag);
        Assert.Equal("application/x-test", head.ContentType);
        Assert.Equal("alice", head.Metadata["owner"]);

        Assert.Equal(data, await server.ReadObjectAsync(TestClients.Bucket, Key));
        OssStoredObject stored = server.GetObject(TestClients.Bucket, Key)!;
        Assert.True(stored.IsMultipart);
        Assert.Equal(3, stored.PartCount);
        Assert.Empty(server.GetUploads());
        Assert.Equal(data.Length, server.GetPartBytesReceived(initiated.UploadId));
        Assert.Equal(3, server.Requests.Of(OssOperationKind.UploadPart).Count);
        Assert.All(server.Requests, r => Assert.Equal(r.Operation is OssOperationKind.AbortMultipartUpload ? 204 : 200, r.StatusCode));
    }

    [Theory]
    [InlineData(OssSignatureVersion.V1)]
    [InlineData(OssSignatureVersion.V4)]
    public async Task PutObjectAndHeadObjectRoundTrip(OssSignatureVersion version)
    {
        await using OssTestServer server = await TestClients.StartAsync();
        using OssClient client = TestClients.CreateClient(server, version);
        byte[] data = TestClients.RandomBytes(5_000, seed: 2);

        PutObjectResult put = await client.PutObjectAsync(new PutObjectRequest { BucketName = TestClients.Bucket, ObjectKey = "a/b.txt", Content = new MemoryStream(data), ContentType = "text/plain" });

        Assert.Equal(PartHasher.Compute(data).Md5.ToETag(), put.ETag);
        Assert.Equal(OssCrc64.Compute(data), put.HashCrc64Ecma);
        HeadObjectResult head = await client.HeadObjectAsync(new HeadObjectRequest { BucketName = TestClients.Bucket, ObjectKey = "a/b.txt" });
        Assert.Equal(5_000, head.ContentLength);
        Assert.Equal("text/plain", head.ContentType);
        Assert.Equal(OssCrc64.Compute(data), head.HashCrc64Ecma);
        OssStoredObject stored = server.GetObject(TestClients.Bucket, "a/b.txt")!;
        Assert.Equal(PartHasher.Compute(data).Md5.ToBase64(), stored.ContentMd5);
        Assert.False(stored.IsMultipart);
    }

    [Fact]
    public async Task AbortRemovesTheUploadAndItsParts()
    {
        await using OssTestServer server = await TestClients.StartAsync();
        using OssClient client = TestClients.CreateClient(server);
        InitiateMultipartUploadResult initiated = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = TestClients.Bucket, ObjectKey = "k" });
        await client.UploadPartAsync(new UploadPartRequest { BucketName = TestClients.Bucket, ObjectKey = "k", UploadId = initiated.UploadId, PartNumber = 1, Content = new MemoryStream(new byte[10]) });
        Assert.Single(server.GetUpload(initiated.UploadId)!.Parts);

        await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = TestClients.Bucket, ObjectKey = "k", UploadId = initiated.UploadId });

        Assert.Null(server.GetUpload(initiated.UploadId));
        Assert.Equal(204, server.Requests.Of(OssOperationKind.AbortMultipartUpload).Single().StatusCode);
        OssServiceException again = await Assert.ThrowsAsync<OssServiceException>(() => client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = TestClients.Bucket, ObjectKey = "k", UploadId = initiated.UploadId }));
        Assert.Equal("NoSuchUpload", again.ErrorCode);
        Assert.Equal(404, again.StatusCode);
    }

    [Fact]
    public async Task DirectoryModeStreamsPartsToFilesAndDeletesThemOnDispose()
    {
        string root = Path.Combine(Path.GetTempPath(), "oss-test-server-tests-" + Guid.NewGuid().ToString("N"));
        try
        {
            string storage;
            byte[] data = TestClients.RandomBytes(300_000, seed: 3);
            await using (OssTestServer server = await TestClients.StartAsync(o =>
            {
                o.StorageMode = OssTestStorageMode.Directory;
                o.DataDirectory = root;
            }))
            {
                storage = server.StorageDirectory!;
                Assert.StartsWith(Path.GetFullPath(root), storage, StringComparison.Ordinal);
                using OssClient client = TestClients.CreateClient(server);
                string uploadId = (await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = TestClients.Bucket, ObjectKey = "big" })).UploadId;
                var parts = new List<PartETag>();
                for (int i = 0; i < 3; i++)
                {
                    UploadPartResult part = await client.UploadPartAsync(new UploadPartRequest { BucketName = TestClients.Bucket, ObjectKey = "big", UploadId = uploadId, PartNumber = i + 1, Content = new MemoryStream(data, i * 100_000, 100_000) });
                    parts.Add(new PartETag(i + 1, part.ETag));
                }

                Assert.Equal(3, Directory.GetFiles(storage).Length);
                Assert.Equal(300_000, Directory.GetFiles(storage).Sum(f => new FileInfo(f).Length));

                // 100,000-byte parts are below the 100 KiB minimum: the upload and its files stay.
                OssServiceException tooSmall = await Assert.ThrowsAsync<OssServiceException>(() => client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = TestClients.Bucket, ObjectKey = "big", UploadId = uploadId, Parts = parts }));
                Assert.Equal("EntityTooSmall", tooSmall.ErrorCode);
                Assert.Equal(3, Directory.GetFiles(storage).Length);
            }

            Assert.False(Directory.Exists(storage));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    [Fact]
    public async Task DirectoryModeKeepsCompletedObjectsReadable()
    {
        string root = Path.Combine(Path.GetTempPath(), "oss-test-server-tests-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using OssTestServer server = await TestClients.StartAsync(o =>
            {
                o.StorageMode = OssTestStorageMode.Directory;
                o.DataDirectory = root;
            });
            using OssClient client = TestClients.CreateClient(server);
            byte[] data = TestClients.RandomBytes(250_000, seed: 4);
            string uploadId = (await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = TestClients.Bucket, ObjectKey = "big" })).UploadId;
            UploadPartResult p1 = await client.UploadPartAsync(new UploadPartRequest { BucketName = TestClients.Bucket, ObjectKey = "big", UploadId = uploadId, PartNumber = 1, Content = new MemoryStream(data, 0, 200_000) });
            UploadPartResult p2 = await client.UploadPartAsync(new UploadPartRequest { BucketName = TestClients.Bucket, ObjectKey = "big", UploadId = uploadId, PartNumber = 2, Content = new MemoryStream(data, 200_000, 50_000) });

            CompleteMultipartUploadResult done = await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = TestClients.Bucket, ObjectKey = "big", UploadId = uploadId, Parts = [new(1, p1.ETag), new(2, p2.ETag)] });

            Assert.Equal(OssCrc64.Compute(data), done.HashCrc64Ecma);
            Assert.Equal(data, await server.ReadObjectAsync(TestClients.Bucket, "big"));
            RawResponse ranged = await RawRequests.SendAsync(server, HttpMethod.Get, TestClients.Bucket, "big", headers: new Dictionary<string, string> { ["Range"] = "bytes=199990-200009" });
            Assert.Equal(206, ranged.Status);
            Assert.Equal(data.AsSpan(199_990, 20).ToArray(), ranged.Body);
        }
        finally
        {
            // The server deletes the data directory it created; this only cleans up after a failure.
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    [Fact]
    public async Task DiscardModeKeepsSizesAndHashesOnly()
    {
        await using OssTestServer server = await TestClients.StartAsync(o => o.StorageMode = OssTestStorageMode.Discard);
        using OssClient client = TestClients.CreateClient(server);
        byte[] data = TestClients.RandomBytes(204_800 + 7, seed: 5);
        string uploadId = (await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = TestClients.Bucket, ObjectKey = "d" })).UploadId;
        UploadPartResult p1 = await client.UploadPartAsync(new UploadPartRequest { BucketName = TestClients.Bucket, ObjectKey = "d", UploadId = uploadId, PartNumber = 1, Content = new MemoryStream(data, 0, 204_800) });
        UploadPartResult p2 = await client.UploadPartAsync(new UploadPartRequest { BucketName = TestClients.Bucket, ObjectKey = "d", UploadId = uploadId, PartNumber = 2, Content = new MemoryStream(data, 204_800, 7) });

        CompleteMultipartUploadResult done = await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = TestClients.Bucket, ObjectKey = "d", UploadId = uploadId, Parts = [new(1, p1.ETag), new(2, p2.ETag)] });

        Assert.Equal(OssCrc64.Compute(data), done.HashCrc64Ecma);
        OssStoredObject stored = server.GetObject(TestClients.Bucket, "d")!;
        Assert.Equal(data.Length, stored.Size);
        Assert.Equal(OssCrc64.Compute(data), stored.HashCrc64Ecma);
        await Assert.ThrowsAsync<NotSupportedException>(() => server.ReadObjectAsync(TestClients.Bucket, "d"));
        RawResponse get = await RawRequests.SendAsync(server, HttpMethod.Get, TestClients.Bucket, "d");
        Assert.Equal(501, get.Status);
        Assert.Equal("NotImplemented", get.ErrorCode);
    }
}
