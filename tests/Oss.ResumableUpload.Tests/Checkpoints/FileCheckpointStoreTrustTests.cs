using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging.Abstractions;
using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Resumable;
using Oss.ResumableUpload.Tests.Engine;
using Oss.ResumableUpload.Tests.Infrastructure;

namespace Oss.ResumableUpload.Tests.Checkpoints;

/// <summary>
/// In a directory others can write, a checkpoint is trusted only if the current user owns it and nobody else can
/// write it; otherwise it is treated as absent, with a warning, and someone else's file is never deleted.
/// </summary>
public sealed class FileCheckpointStoreTrustTests : IDisposable
{
    private const int FileIgnored = 1304;
    private const int DirectoryOpen = 1305;
    private const int DeleteRefused = 1306;
    private const uint OtherUser = 54321;

    private readonly TestFiles _files = new();
    private readonly ListLoggerFactory _logs = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(0b110_110_110)] // 0666
    [InlineData(0b110_110_000)] // 0660
    [InlineData(0b110_000_010)] // 0602
    public async Task A_checkpoint_writable_by_group_or_others_is_ignored_with_a_warning(int mode)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        FileCheckpointStore store = CreateStore();
        CheckpointKey key = CheckpointDocuments.Key;
        await store.SaveAsync(key, "{\"planted\":true}");
        string file = PathOf(store, key);
        File.SetUnixFileMode(file, (UnixFileMode)mode);

        Assert.Null(await store.LoadAsync(key));
        Assert.Empty(await ListAsync(store, key));
        Assert.Contains(_logs.Lines, l => l.EventId.Id == FileIgnored && l.Message.Contains(file, StringComparison.Ordinal) && l.Message.Contains("writable", StringComparison.Ordinal));

        // It is ours, so the end of an upload of the object may remove it.
        ((ICheckpointLockProvider)store).AcquireLock(key.BucketName, key.ObjectKey).Dispose();
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task A_checkpoint_owned_by_another_user_is_ignored_and_never_deleted()
    {
        if (!UnixFileStatus.IsSupported || UnixFileStatus.CurrentUserId != 0)
        {
            // Only root can give a file away (chown); without root there is no way to create one owned by someone else.
            return;
        }

        FileCheckpointStore store = CreateStore();
        CheckpointKey key = CheckpointDocuments.Key;
        await store.SaveAsync(key, "{\"planted\":true}");
        string file = PathOf(store, key);
        string temporary = Path.Combine(store.DirectoryPath, CheckpointFileNames.Temporary(key));
        File.WriteAllText(temporary, "someone else's save in progress");
        GiveAway(file);
        GiveAway(temporary);

        Assert.Null(await store.LoadAsync(key));
        Assert.Empty(await ListAsync(store, key));
        Assert.Contains(_logs.Lines, l => l.EventId.Id == FileIgnored && l.Message.Contains("owned by user " + OtherUser, StringComparison.Ordinal));

        await store.DeleteAsync(key);
        ((ICheckpointLockProvider)store).AcquireLock(key.BucketName, key.ObjectKey).Dispose();

        Assert.True(File.Exists(file));
        Assert.True(File.Exists(temporary));
        Assert.True(_logs.Has(DeleteRefused), _logs.AllText);
    }

    [Fact]
    public async Task A_planted_checkpoint_naming_someone_elses_upload_is_never_aborted()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // A checkpoint of an "older version" of the file, naming a victim's upload id, writable by anyone.
        FileCheckpointStore store = CreateStore();
        CheckpointKey current = CheckpointDocuments.Key;
        CheckpointKey planted = current with { FileFingerprint = "v1-planted" };
        CheckpointDocument document = CheckpointDocuments.Create();
        document.UploadId = "victims-upload";
        document.Fingerprint = planted.FileFingerprint;
        await store.SaveAsync(planted, CheckpointSerializer.Serialize(document));
        File.SetUnixFileMode(PathOf(store, planted), (UnixFileMode)0b110_110_110);
        var operations = new FakeMultipartOperations();

        using (((ICheckpointLockProvider)store).AcquireLock(current.BucketName, current.ObjectKey))
        {
            await new SupersededUploadCleaner(operations, new InitiateIntent(operations, NullLogger.Instance, TimeProvider.System), NullLogger.Instance).CleanAsync(store, current, CancellationToken.None);
        }

        Assert.Empty(operations.CallsOf("Abort"));
    }

    [Theory]
    [InlineData(0b111_111_111, true)] // 0777
    [InlineData(0b111_111_101, true)] // 0775
    [InlineData(0b111_101_111, true)] // 0757
    [InlineData(0b1_111_111_111, false)] // 1777, like /tmp: others cannot remove or replace our files
    [InlineData(0b111_101_101, false)] // 0755
    [InlineData(0b111_000_000, false)] // 0700
    public async Task Warns_once_per_store_when_others_can_write_the_directory_without_the_sticky_bit(int mode, bool warns)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Directory.CreateDirectory(_files.CheckpointDirectory);
        File.SetUnixFileMode(_files.CheckpointDirectory, (UnixFileMode)mode);
        FileCheckpointStore store = CreateStore();
        CheckpointKey key = CheckpointDocuments.Key;

        await store.SaveAsync(key, "{}");
        await store.LoadAsync(key);
        await ListAsync(store, key);
        ((ICheckpointLockProvider)store).AcquireLock(key.BucketName, key.ObjectKey).Dispose();
        await store.DeleteAsync(key);

        Assert.Equal(warns ? 1 : 0, _logs.Lines.Count(l => l.EventId.Id == DirectoryOpen));
    }

    [Fact]
    public async Task The_engine_can_hand_the_store_its_own_logger()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var store = new FileCheckpointStore(_files.CheckpointDirectory, _logs.CreateLogger("Oss.ResumableUpload.OssClient"));
        await store.SaveAsync(CheckpointDocuments.Key, "{}");
        File.SetUnixFileMode(PathOf(store, CheckpointDocuments.Key), (UnixFileMode)0b110_110_110);

        Assert.Null(await store.LoadAsync(CheckpointDocuments.Key));
        Assert.Contains(_logs.Lines, l => l.EventId.Id == FileIgnored && l.Category == "Oss.ResumableUpload.OssClient");
    }

    [Theory]
    [InlineData(1000u, 1000u, 0b1000_000_110_000_000u, null)] // ours, 0600
    [InlineData(1000u, 1000u, 0b1000_000_110_100_100u, null)] // ours, 0644: others may read, not write
    [InlineData(1000u, 1000u, 0b1000_000_110_110_000u, "writable by group or others (mode 0660)")]
    [InlineData(1000u, 1000u, 0b1000_000_110_000_010u, "writable by group or others (mode 0602)")]
    [InlineData(1001u, 1000u, 0b1000_000_110_000_000u, "owned by user 1001, not by the current user 1000")]
    public void The_trust_rule(uint owner, uint currentUser, uint mode, string? problem)
        => Assert.Equal(problem, CheckpointFileTrust.ProblemWith(new UnixFileStatus(1, 2, 1, owner, mode), currentUser));

    private static string PathOf(FileCheckpointStore store, CheckpointKey key) => Path.Combine(store.DirectoryPath, FileCheckpointStore.GetFileName(key));

    private static async Task<List<CheckpointKey>> ListAsync(FileCheckpointStore store, CheckpointKey key)
    {
        var keys = new List<CheckpointKey>();
        await foreach (CheckpointKey listed in store.ListAsync(key.BucketName, key.ObjectKey))
        {
            keys.Add(listed);
        }

        return keys;
    }

    private static void GiveAway(string path)
        => Assert.True(Chown(UnixNative.ToUtf8Z(path), OtherUser, OtherUser) == 0, $"chown failed: errno {Marshal.GetLastPInvokeError()}");

    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    private static extern int Chown(byte[] utf8Path, uint owner, uint group);

    private FileCheckpointStore CreateStore() => new(_files.CheckpointDirectory, _logs);
}
