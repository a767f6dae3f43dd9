using Microsoft.Extensions.Options;

namespace Oss.ResumableUpload.Samples.AspNetCore;

/// <summary>Checks the <c>Upload</c> section when the host starts, one message per mistake.</summary>
internal sealed class UploadSettingsValidator : IValidateOptions<UploadSettings>
{
    private const long MinPartSize = 100 * 1024;
    private const long MaxPartSize = 5L * 1024 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, UploadSettings options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Bucket))
        {
            failures.Add("Upload:Bucket is required.");
        }
        else if (!IsBucketName(options.Bucket))
        {
            failures.Add($"Upload:Bucket '{options.Bucket}' is not a bucket name (3 to 63 lower-case letters, digits and inner hyphens).");
        }

        if (options.PartSize is < MinPartSize or > MaxPartSize)
        {
            failures.Add($"Upload:PartSize must be between {MinPartSize} and {MaxPartSize} bytes.");
        }

        if (options.MaxConcurrency is < 1 or > 64)
        {
            failures.Add("Upload:MaxConcurrency must be between 1 and 64.");
        }

        if (options.MaxRequestBodySize is <= 0)
        {
            failures.Add("Upload:MaxRequestBodySize must be positive, or absent for no limit.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsBucketName(string bucket) =>
        bucket.Length is >= 3 and <= 63
        && bucket[0] != '-'
        && bucket[^1] != '-'
        && bucket.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
