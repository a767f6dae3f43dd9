using System.CommandLine;

namespace Oss.ResumableUpload.Cli;

/// <summary>What OSS stores with the object besides its bytes: content type, storage class, encryption, ACL, tags, metadata, headers.</summary>
internal sealed class ObjectOptions
{
    public Option<string?> ContentType { get; } = new("--content-type") { Description = "Content-Type of the object (default: OSS's)", HelpName = "TYPE" };

    public Option<string?> StorageClass { get; } = Choice("--storage-class", "CLASS", "Storage class: Standard, IA, Archive, ColdArchive or DeepColdArchive (default: the bucket's)", "Standard", "IA", "Archive", "ColdArchive", "DeepColdArchive");

    public Option<string?> Encryption { get; } = Choice("--sse", "ALGORITHM", "Server-side encryption: AES256, KMS or SM4 (default: the bucket's)", "AES256", "KMS", "SM4");

    public Option<string?> EncryptionKeyId { get; } = new("--sse-key-id") { Description = "KMS key id; only with --sse KMS", HelpName = "ID" };

    public Option<string?> Acl { get; } = Choice("--acl", "ACL", "Object ACL: private, public-read, public-read-write or default", "private", "public-read", "public-read-write", "default");

    public Option<IReadOnlyDictionary<string, string>?> Tags { get; } = OptionValues.Pairs("--tag", "An object tag (repeatable, at most 10)", maxCount: 10);

    public Option<IReadOnlyDictionary<string, string>?> Metadata { get; } = OptionValues.Pairs("--meta", "User metadata, sent as x-oss-meta-KEY (repeatable)");

    public Option<string?> CacheControl { get; } = new("--cache-control") { Description = "Cache-Control stored with the object", HelpName = "VALUE" };

    public Option<string?> ContentDisposition { get; } = new("--content-disposition") { Description = "Content-Disposition stored with the object", HelpName = "VALUE" };

    public Option<bool> ForbidOverwrite { get; } = new("--forbid-overwrite") { Description = "Fail (409 FileAlreadyExists) when the object already exists" };

    public Option<long?> TrafficLimit { get; } = new("--traffic-limit") { Description = "Upload bandwidth limit in bit/s, 819200 to 838860800", HelpName = "BITS" };

    public void AddTo(Command command)
    {
        EncryptionKeyId.Validators.Add(result => OptionValues.Check<string?>(result, value =>
        {
            if (value is not null && result.GetResult(Encryption)?.Tokens.Any(t => t.Value == "KMS") != true)
            {
                result.AddError("--sse-key-id needs --sse KMS.");
            }
        }));
        TrafficLimit.Validators.Add(result => OptionValues.Check<long?>(result, value =>
        {
            if (value is long limit && limit is < 819_200 or > 838_860_800)
            {
                result.AddError($"--traffic-limit must be between 819200 and 838860800 bit/s; got {limit}.");
            }
        }));
        foreach (Option option in new Option[] { ContentType, StorageClass, Encryption, EncryptionKeyId, Acl, Tags, Metadata, CacheControl, ContentDisposition, ForbidOverwrite, TrafficLimit })
        {
            command.Options.Add(option);
        }
    }

    private static Option<string?> Choice(string name, string helpName, string description, params string[] values)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = helpName };
        option.AcceptOnlyFromAmong(values);
        return option;
    }
}
