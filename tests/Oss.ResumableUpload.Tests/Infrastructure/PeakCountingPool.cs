using System.Buffers;
using System.Collections.Concurrent;

namespace Oss.ResumableUpload.Tests.Infrastructure;

/// <summary>A pool that records the most bytes it ever had rented out at once, and whether every array came back.</summary>
internal sealed class PeakCountingPool : ArrayPool<byte>
{
    private readonly ConcurrentDictionary<byte[], int> _outstanding = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _gate = new();
    private long _outstandingBytes;

    public long PeakBytes { get; private set; }

    public int Outstanding => _outstanding.Count;

    public override byte[] Rent(int minimumLength)
    {
        var array = new byte[minimumLength];
        _outstanding[array] = minimumLength;
        lock (_gate)
        {
            _outstandingBytes += minimumLength;
            PeakBytes = Math.Max(PeakBytes, _outstandingBytes);
        }

        return array;
    }

    public override void Return(byte[] array, bool clearArray = false)
    {
        Assert.True(_outstanding.TryRemove(array, out int length), "An array was returned twice or never rented.");
        lock (_gate)
        {
            _outstandingBytes -= length;
        }
    }
}
