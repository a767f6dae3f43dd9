using System.Text.Json.Serialization;

namespace Oss.ResumableUpload.Checkpoints;

/// <summary>Source-generated (de)serialization of the checkpoint types: no reflection, so trimming and AOT stay safe.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(CheckpointDocument))]
[JsonSerializable(typeof(CheckpointFileHeader))]
internal sealed partial class CheckpointJsonContext : JsonSerializerContext
{
}
