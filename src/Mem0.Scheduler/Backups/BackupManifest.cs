using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mem0.Scheduler.Backups;

/// <summary>
/// What a backup holds and how to check it: the event sequence it was taken at, counts, the embedding model
/// its cached vectors belong to, and per table the columns, row count and SHA-256 of its file.
/// </summary>
public sealed record BackupManifest
{
    public const string FormatName = "mem0-backup";
    public const int CurrentFormatVersion = 1;
    public const string FileName = "manifest.json";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Format { get; init; } = FormatName;
    public int FormatVersion { get; init; } = CurrentFormatVersion;
    public DateTimeOffset CreatedAt { get; init; }
    public string DatabaseSchema { get; init; } = "";

    /// <summary>The highest event sequence in the backup: every event up to it that was committed is in it.</summary>
    public long Sequence { get; init; }
    /// <summary>The model the backing-up process was configured with.</summary>
    public string EmbeddingModel { get; init; } = "";
    public int EmbeddingDims { get; init; }

    /// <summary>What the embedding cache holds, per model: the vectors a restore can index without the provider.</summary>
    public IReadOnlyDictionary<string, long> CachedModels { get; init; } = new Dictionary<string, long>();
    public string VectorStore { get; init; } = "";
    public string StoreVersion { get; init; } = "";
    public BackupCounts Counts { get; init; } = new();
    public IReadOnlyList<BackupTable> Tables { get; init; } = [];

    /// <summary>With Qdrant: the live collection's snapshot in the archive; absent otherwise, or when Qdrant could not give one.</summary>
    public QdrantSnapshotFile? QdrantSnapshot { get; init; }
}

public sealed record BackupCounts
{
    public long Streams { get; init; }
    public long Events { get; init; }
    public long Memories { get; init; }
    public long Embeddings { get; init; }
}

/// <summary>One table, exported with PostgreSQL's COPY text format: one row per line, columns as listed.</summary>
public sealed record BackupTable(string Name, string File, IReadOnlyList<string> Columns, long Rows, string Sha256, long Bytes);
