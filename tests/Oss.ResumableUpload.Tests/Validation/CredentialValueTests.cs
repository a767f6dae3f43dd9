using Oss.ResumableUpload.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Oss.ResumableUpload.Tests.Validation;

/// <summary>
/// An access key id or STS token with a CR, LF, other control character or white space (a trailing newline read from
/// a file or an environment variable) is refused before any request: both go on the wire as header text.
/// </summary>
public sealed class CredentialValueTests
{
    public static TheoryData<string, string?> BadCredentials => new()
    {
        { "LTAI-id\n", null },
        { "LTAI id", null },
        { "LTAI-id", "STSTOKEN1\r\nx-oss-injected: yes" },
        { "LTAI-id", "STSTOKEN2\n" },
        { "LTAI-id", "STS TOKEN3" },
        { "LTAI-id", "STSTOK\u00e9N4" },
    };

    [Theory]
    [MemberData(nameof(BadCredentials))]
    public async Task A_credential_that_would_break_a_header_is_refused_before_any_request(string accessKeyId, string? securityToken)
    {
        using var oss = new WireMockOss(credentials: new StaticCredentialsProvider(accessKeyId, "secret-value", securityToken));
        oss.Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithBody("<InitiateMultipartUploadResult><Bucket>test-bucket</Bucket><Key>k</Key><UploadId>U1</UploadId></InitiateMultipartUploadResult>"));

        OssClientException error = await Assert.ThrowsAsync<OssClientException>(
            () => oss.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k" }));

        Assert.Equal(OssClientErrorCode.CredentialsUnavailable, error.ErrorCode);
        Assert.Empty(oss.Server.LogEntries);
        Assert.DoesNotContain("secret-value", error.Message, StringComparison.Ordinal);
        if (securityToken is not null)
        {
            Assert.DoesNotContain(securityToken.Trim(), error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Ordinary_credentials_still_work()
    {
        using var oss = new WireMockOss(credentials: new StaticCredentialsProvider("LTAI-id", "secret-value", "CAIS+token/with=chars"));
        oss.Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithBody("<InitiateMultipartUploadResult><Bucket>test-bucket</Bucket><Key>k</Key><UploadId>U1</UploadId></InitiateMultipartUploadResult>"));

        InitiateMultipartUploadResult result = await oss.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = WireMockOss.Bucket, ObjectKey = "k" });

        Assert.Equal("U1", result.UploadId);
    }
}
