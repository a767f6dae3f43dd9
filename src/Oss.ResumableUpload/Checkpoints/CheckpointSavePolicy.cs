namespace Oss.ResumableUpload.Checkpoints;

/// <summary>
/// When to rewrite the checkpoint while parts complete: once the number of completed parts has grown by
/// <see cref="GrowthRatio"/> since the last save (at least one part), and no sooner than <see cref="MinInterval"/>
/// after it. Geometric growth bounds the bytes written over a whole upload by about (1 + 1/ratio) times the final
/// document, plus a small header cost per save: O(parts), not O(parts²). docs/checkpoints.md derives the bound.
/// </summary>
/// <param name="GrowthRatio">The relative growth that triggers a save; 0.1 means 10%.</param>
/// <param name="MinInterval">The least time between two saves.</param>
internal readonly record struct CheckpointSavePolicy(double GrowthRatio, TimeSpan MinInterval)
{
    public static CheckpointSavePolicy Default { get; } = new(0.10, TimeSpan.FromMilliseconds(500));

    public bool ShouldSave(int savedCount, int completedCount, TimeSpan sinceLastSave)
    {
        int needed = Math.Max(1, (int)Math.Ceiling(savedCount * GrowthRatio));
        return completedCount - savedCount >= needed && sinceLastSave >= MinInterval;
    }
}
