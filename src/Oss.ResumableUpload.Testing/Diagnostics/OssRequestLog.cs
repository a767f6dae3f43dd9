using System.Collections;

namespace Oss.ResumableUpload.Testing;

/// <summary>
/// The requests an <see cref="OssTestServer"/> has finished, in order of completion: the newest
/// <see cref="OssTestServerOptions.MaxRequestLogEntries"/> of them. Thread-safe; enumerating takes a snapshot, so LINQ
/// over it is safe while requests arrive.
/// </summary>
public sealed class OssRequestLog : IReadOnlyCollection<OssRequestRecord>
{
    private readonly Lock _gate = new();
    private readonly Queue<OssRequestRecord> _records = new();
    private readonly int _capacity;
    private long _sequence;

    internal OssRequestLog(int capacity)
    {
        _capacity = capacity;
    }

    /// <summary>Gets the number of records.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _records.Count;
            }
        }
    }

    /// <summary>Returns a copy of the records.</summary>
    /// <returns>The records in order of completion.</returns>
    public IReadOnlyList<OssRequestRecord> Snapshot()
    {
        lock (_gate)
        {
            return _records.ToArray();
        }
    }

    /// <summary>Returns the records of one operation.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The matching records in order of completion.</returns>
    public IReadOnlyList<OssRequestRecord> Of(OssOperationKind operation)
    {
        lock (_gate)
        {
            return _records.Where(r => r.Operation == operation).ToList();
        }
    }

    /// <summary>Forgets every record (sequence numbers keep increasing).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _records.Clear();
        }
    }

    /// <summary>Enumerates a snapshot of the records.</summary>
    /// <returns>An enumerator over the snapshot.</returns>
    public IEnumerator<OssRequestRecord> GetEnumerator() => ((IEnumerable<OssRequestRecord>)Snapshot()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal long NextSequence() => Interlocked.Increment(ref _sequence);

    internal void Add(OssRequestRecord record)
    {
        lock (_gate)
        {
            if (_records.Count == _capacity)
            {
                _records.Dequeue();
            }

            _records.Enqueue(record);
        }
    }
}
