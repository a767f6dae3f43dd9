using System.Security.Cryptography;
using System.Text;

namespace Oss.ResumableUpload.Checkpoints;

/// <summary>
/// The names of <see cref="FileCheckpointStore"/> files: hashes only, never built from bucket names, keys or paths.
/// Every file that belongs to one object starts with that object's hash, so the store can find all of them (its
/// checkpoints, its lock, and temporary files a killed save left behind) with one pattern.
/// </summary>
internal static class CheckpointFileNames
{
    public const string CheckpointExtension = ".ckpt";
    public const string LockExtension = ".lock";
    public const string TemporaryExtension = ".tmp";

    /// <summary>128 bits of SHA-256 of the bucket and key, in hex: the prefix of every file of the object.</summary>
    public static string ObjectHash(string bucketName, string objectKey) => Hash(bucketName + "\n" + objectKey);

    /// <summary><c>{object hash}-{fingerprint hash}.ckpt</c>.</summary>
    public static string Checkpoint(CheckpointKey key)
    {
        string objectHash = ObjectHash(key.BucketName, key.ObjectKey);
        return objectHash + "-" + Hash(objectHash + "\n" + key.FileFingerprint) + CheckpointExtension;
    }

    /// <summary><c>{object hash}.lock</c>.</summary>
    public static string Lock(string bucketName, string objectKey) => ObjectHash(bucketName, objectKey) + LockExtension;

    /// <summary><c>{checkpoint name}.{random}.tmp</c>: unique per save, and found by <see cref="TemporaryPattern"/>.</summary>
    public static string Temporary(CheckpointKey key) => Checkpoint(key) + "." + Guid.NewGuid().ToString("N") + TemporaryExtension;

    /// <summary>A search pattern for the checkpoints of one object.</summary>
    public static string CheckpointPattern(string objectHash) => objectHash + "-*" + CheckpointExtension;

    /// <summary>A search pattern for the temporary files of one object.</summary>
    public static string TemporaryPattern(string objectHash) => objectHash + "-*" + TemporaryExtension;

    private static string Hash(string value)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(value), digest);
        return Convert.ToHexStringLower(digest[..16]);
    }
}
