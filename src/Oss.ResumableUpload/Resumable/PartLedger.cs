using Oss.ResumableUpload.Checkpoints;
using Oss.ResumableUpload.Hashing;

namespace Oss.ResumableUpload.Resumable;

/// <summary>
/// The set of completed parts of one upload, safe for the parallel part workers. It feeds the checkpoint, the
/// CompleteMultipartUpload part list and the whole-object CRC-64.
/// </summary>
internal sealed class PartLedger : ICheckpointPartSource
{
    private readonly PartLayout _layout;
    private readonly string?[] _etags;
    private readonly ulong[] _crcs;
    private readonly Lock _gate = new();
    private int _completedCount;
    private long _completedBytes;

    public PartLedger(PartLayout layout)
    {
        _layout = layout;
        _etags = new string?[layout.PartCount];
        _crcs = new ulong[layout.PartCount];
    }

    public PartLayout Layout => _layout;

    public int CompletedCount => Volatile.Read(ref _completedCount);

    public long CompletedBytes => Interlocked.Read(ref _completedBytes);

    public bool IsComplete => CompletedCount == _layout.PartCount;

    /// <summary>Records a part; returns false when it was already recorded.</summary>
    public bool MarkCompleted(int partNumber, string etag, ulong crc64)
    {
        lock (_gate)
        {
            if (_etags[partNumber - 1] is not null)
            {
                return false;
            }

            _etags[partNumber - 1] = etag;
            _crcs[partNumber - 1] = crc64;
            _completedBytes += _layout.GetLength(partNumber);
            _completedCount++;
            return true;
        }
    }

    public bool IsCompleted(int partNumber)
    {
        lock (_gate)
        {
            return _etags[partNumber - 1] is not null;
        }
    }

    /// <summary>The part numbers still to upload, ascending.</summary>
    public List<int> GetMissingParts()
    {
        lock (_gate)
        {
            var missing = new List<int>(_layout.PartCount - _completedCount);
            for (int i = 0; i < _etags.Length; i++)
            {
                if (_etags[i] is null)
                {
                    missing.Add(i + 1);
                }
            }

            return missing;
        }
    }

    /// <summary>The completed parts in checkpoint form, ascending.</summary>
    public List<CheckpointPart> SnapshotForCheckpoint()
    {
        lock (_gate)
        {
            var parts = new List<CheckpointPart>(_completedCount);
            for (int i = 0; i < _etags.Length; i++)
            {
                if (_etags[i] is string etag)
                {
                    parts.Add(new CheckpointPart { Number = i + 1, Size = _layout.GetLength(i + 1), ETag = etag, Crc64 = _crcs[i] });
                }
            }

            return parts;
        }
    }

    /// <summary>The part list for CompleteMultipartUpload, ascending by part number.</summary>
    public List<PartETag> ToPartETags()
    {
        lock (_gate)
        {
            var parts = new List<PartETag>(_completedCount);
            for (int i = 0; i < _etags.Length; i++)
            {
                if (_etags[i] is string etag)
                {
                    parts.Add(new PartETag(i + 1, etag));
                }
            }

            return parts;
        }
    }

    /// <summary>The CRC-64 of the whole object, combined from the part CRCs in order; valid once every part is complete.</summary>
    public ulong CombineCrc64()
    {
        lock (_gate)
        {
            ulong crc = 0;
            for (int i = 0; i < _crcs.Length; i++)
            {
                crc = OssCrc64.Combine(crc, _crcs[i], _layout.GetLength(i + 1));
            }

            return crc;
        }
    }
}
