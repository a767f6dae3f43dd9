using Microsoft.Extensions.Logging;
using Oss.ResumableUpload.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Oss.ResumableUpload.Tests.Protocol;

/// <summary>Runs successes, retries and failures with every log level captured, and looks for any secret.</summary>
public sealed class SecretRedactionTests
{
    private const string Secret = "SECRET-9f8e7d6c5b4a";
    private const string Token = "TOKEN-0a1b2c3d4e5f";

    [Theory]
    [InlineData(OssSignatureVersion.V4)]
    [InlineData(OssSignatureVersion.V1)]
    public async Task No_log_line_or_exception_contains_a_secret_token_or_signature(OssSignatureVersion version)
    {
        var logs = new ListLoggerFactory();
        using var oss = new WireMockOss(version, new StaticCredentialsProvider("AKID", Secret, Token), loggerFactory: logs);
        oss.Server.Given(Request.Create().UsingPost()).InScenario("r").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(500).WithBody(WireMockOss.ErrorXml("InternalError")));
        oss.Server.Given(Request.Create().UsingPost()).InScenario("r").WhenStateIs("ok")
            .RespondWith(Response.Create().WithBody("<InitiateMultipartUploadResult><Bucket>test-bucket</Bucket><Key>k</Key><UploadId>U</UploadId></InitiateMultipartUploadResult>"));
        oss.Server.Given(Request.Create().UsingPut())
            .RespondWith(Response.Create().WithStatusCode(403).WithBody(WireMockOss.ErrorXml("SignatureDoesNotMatch")));

        await oss.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k" });
        var failure = await Assert.ThrowsAsync<OssServiceException>(() => oss.Client.UploadPartAsync(new UploadPartRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k", UploadId = "U", PartNumber = 1, Content = new MemoryStream([1]) }));

        string[] signatures = oss.Server.LogEntries.Select(e => e.RequestMessage.Headers!["Authorization"].ToString()).ToArray();
        Assert.NotEmpty(signatures);
        string everything = logs.AllText + "\n" + failure;
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Warning && l.EventId.Id == 1003);
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Debug && l.EventId.Id == 1001);
        Assert.DoesNotContain(Secret, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Authorization", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Signature=", everything, StringComparison.Ordinal);
        foreach (string authorization in signatures)
        {
            string signature = authorization.StartsWith("OSS4-", StringComparison.Ordinal)
                ? authorization[(authorization.IndexOf("Signature=", StringComparison.Ordinal) + "Signature=".Length)..]
                : authorization[(authorization.IndexOf(':', StringComparison.Ordinal) + 1)..];
            Assert.True(signature.Length >= 20, authorization);
            Assert.DoesNotContain(signature, everything, StringComparison.Ordinal);
        }
    }
}
