using Oss.ResumableUpload.Diagnostics;

namespace Oss.ResumableUpload.Tests.Diagnostics;

/// <summary>error.type is a short token: OSS's code when it is a plain one, never arbitrary server text.</summary>
public sealed class ErrorTypesTests
{
    [Theory]
    [InlineData("NoSuchUpload", "NoSuchUpload")]
    [InlineData("InternalError", "InternalError")]
    [InlineData("Some.Code_with-dashes9", "Some.Code_with-dashes9")]
    [InlineData("", "404")]
    [InlineData("bad code", ErrorTypes.Other)]
    [InlineData("key=private/payroll.bin", ErrorTypes.Other)]
    [InlineData("Code\r\nInjected", ErrorTypes.Other)]
    [InlineData("Ünicode", ErrorTypes.Other)]
    public void A_service_error_reports_its_code_only_when_it_is_a_plain_token(string code, string expected)
        => Assert.Equal(expected, ErrorTypes.Of(new OssServiceException(404, code, "message")));

    [Fact]
    public void A_service_code_longer_than_64_characters_is_other()
    {
        Assert.Equal(new string('A', 64), ErrorTypes.Of(new OssServiceException(500, new string('A', 64), "m")));
        Assert.Equal(ErrorTypes.Other, ErrorTypes.Of(new OssServiceException(500, new string('A', 65), "m")));
    }

    [Fact]
    public void Client_errors_report_their_code_and_other_exceptions_their_type()
    {
        Assert.Equal("ChecksumMismatch", ErrorTypes.Of(new OssClientException(OssClientErrorCode.ChecksumMismatch, "m")));
        Assert.Equal("System.IO.IOException", ErrorTypes.Of(new IOException("/home/user/secret/path")));
        Assert.Equal("System.Threading.Tasks.TaskCanceledException", ErrorTypes.Of(new TaskCanceledException()));
    }
}
