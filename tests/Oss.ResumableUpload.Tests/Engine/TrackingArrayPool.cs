using System.Buffers;
using System.Collections.Concurrent;

namespace Oss.ResumableUpload.Tests.Engine;

/// <summary>
/// A pool that hands out a new array per rent and tracks each one until it comes back: a buffer never returned, one
/// returned twice, or one the pool never rented is reported by <see cref="AssertAllReturned"/>. Returned arrays are
/// overwritten, so that a use after return corrupts the part and fails its MD5 check.
/// </summary>
internal sealed class TrackingArrayPool : ArrayPool<byte>
{
    private const byte Poison = 0xDD;

    private readonly ConcurrentDictionary<byte[], int> _outstanding = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentQueue<string> _misuses = new();
    private int _rents;
    private int _returns;

    public int Rents => Volatile.Read(ref _rents);

    public int Returns => Volatile.Read(ref _returns);

    /// <summary>Gets how many rented arrays are out right now.</summary>
    public int Outstanding => _outstanding.Count;

    public override byte[] Rent(int minimumLength)
    {
        var array = new byte[minimumLength];
        _outstanding[array] = minimumLength;
        Interlocked.Increment(ref _rents);
        return array;
    }

    public override void Return(byte[] array, bool clearArray = false)
    {
        Interlocked.Increment(ref _returns);
        if (!_outstanding.TryRemove(array, out _))
        {
            _misuses.Enqueue($"an array of {array.Length} bytes was returned twice, or was never rented from this pool");
            return;
        }

        array.AsSpan().Fill(Poison);
    }

    /// <summary>Fails unless the pool was used and every array it rented came back exactly once.</summary>
    public void AssertAllReturned()
    {
        Assert.True(Rents > 0, "The engine rented nothing from the injected pool.");
        Assert.Empty(_misuses);
        Assert.True(_outstanding.IsEmpty, $"{_outstanding.Count} of {Rents} rented buffers were never returned ({string.Join(", ", _outstanding.Values)} bytes).");
        Assert.Equal(Rents, Returns);
    }
}
