namespace Oss.ResumableUpload.Testing.Tests;

/// <summary>The server's parser of the V4 Authorization header (it used to live in the client, which never parses one).</summary>
public sealed class V4AuthorizationHeaderTests
{
    private const string Signature = "e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe";

    [Fact]
    public void TheSdkFormParses()
    {
        Assert.True(V4AuthorizationHeader.TryParse("OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=" + Signature, out V4AuthorizationHeader? header));

        Assert.Equal("ak", header.AccessKeyId);
        Assert.Equal("20231216/cn-hangzhou/oss/aliyun_v4_request", header.Scope);
        Assert.Empty(header.AdditionalHeaders);
        Assert.Equal(Signature, header.Signature);
    }

    [Fact]
    public void TheDocumentedFormWithSpacesAfterTheCommasAndAdditionalHeadersParses()
    {
        Assert.True(V4AuthorizationHeader.TryParse("OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request, AdditionalHeaders=host;range;, Signature=" + Signature, out V4AuthorizationHeader? header));

        Assert.Equal(["host", "range"], header.AdditionalHeaders);
        Assert.Equal(Signature, header.Signature);
    }

    [Fact]
    public void FieldsMayComeInAnyOrderAndUnknownOnesAreIgnored()
    {
        Assert.True(V4AuthorizationHeader.TryParse("OSS4-HMAC-SHA256 Signature=" + Signature + ",Future=1,Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request", out V4AuthorizationHeader? header));

        Assert.Equal("ak", header.AccessKeyId);
        Assert.Equal(Signature, header.Signature);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("OSS ak:c2lnbmF0dXJl")]
    [InlineData("OSS4-HMAC-SHA1 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=" + Signature)]
    [InlineData("OSS4-HMAC-SHA256Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=" + Signature)]
    [InlineData("OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request")]
    [InlineData("OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=")]
    [InlineData("OSS4-HMAC-SHA256 Signature=" + Signature)]
    [InlineData("OSS4-HMAC-SHA256 Credential=ak,Signature=" + Signature)]
    [InlineData("OSS4-HMAC-SHA256 Credential=/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=" + Signature)]
    [InlineData("OSS4-HMAC-SHA256 Credential=ak/,Signature=" + Signature)]
    public void AnythingElseIsRefused(string? authorization)
        => Assert.False(V4AuthorizationHeader.TryParse(authorization, out _));

    [Fact]
    public void WhatTheClientSignsParses()
    {
        var input = new Signing.SigningInput
        {
            Method = "PUT",
            Bucket = "bucket",
            Key = "key",
            Query = [],
            Headers = Signing.SigningInput.CreateHeaders(),
            AdditionalHeaders = ["Host"],
        };
        input.Headers["Host"] = "bucket.localhost";
        string authorization = Signing.OssV4Signer.Sign(input, new OssCredentials("ak", "secret", null), DateTimeOffset.FromUnixTimeSeconds(1_702_743_657), "cn-hangzhou");

        Assert.True(V4AuthorizationHeader.TryParse(authorization, out V4AuthorizationHeader? header));
        Assert.Equal("ak", header.AccessKeyId);
        Assert.Equal("20231216/cn-hangzhou/oss/aliyun_v4_request", header.Scope);
        Assert.Equal(["host"], header.AdditionalHeaders);
        Assert.Matches("^[0-9a-f]{64}$", header.Signature);
    }
}
