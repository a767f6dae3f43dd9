namespace Oss.ResumableUpload.Checkpoints;

/// <summary>An <see cref="IAsyncEnumerable{T}"/> over a list taken in advance; it honours cancellation between items.</summary>
internal sealed class SnapshotAsyncEnumerable<T>(IReadOnlyList<T> items) : IAsyncEnumerable<T>
{
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) => new Enumerator(items, cancellationToken);

    private sealed class Enumerator(IReadOnlyList<T> items, CancellationToken cancellationToken) : IAsyncEnumerator<T>
    {
        private int _index = -1;

        public T Current => items[_index];

        public ValueTask<bool> MoveNextAsync()
        {
            cancellationToken.ThrowIfCancellationRequested();
            _index++;
            return new ValueTask<bool>(_index < items.Count);
        }

        public ValueTask DisposeAsync() => default;
    }
}
