namespace Oss.ResumableUpload.Checkpoints;

/// <summary>
/// The completed parts of one upload, as a checkpoint records them. The engine's part ledger implements it, so that
/// <see cref="CheckpointWriter"/> reads a snapshot without knowing the engine's types.
/// </summary>
internal interface ICheckpointPartSource
{
    /// <summary>Gets how many parts are completed; cheap, read after every part.</summary>
    int CompletedCount { get; }

    /// <summary>Returns a copy of the completed parts, ascending by number.</summary>
    List<CheckpointPart> SnapshotForCheckpoint();
}
