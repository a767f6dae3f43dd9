using Oss.ResumableUpload.Checkpoints;

namespace Oss.ResumableUpload.Resumable;

/// <summary>A checkpoint that passed validation: the document and the part layout it restores.</summary>
/// <param name="Document">The document as loaded; its upload id and parts are the resume's starting point.</param>
/// <param name="Layout">The layout the upload began with; a resume keeps it.</param>
internal sealed record LoadedCheckpoint(CheckpointDocument Document, PartLayout Layout);
