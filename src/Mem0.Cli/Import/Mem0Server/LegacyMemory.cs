using System.Text.Json;

namespace Mem0.Cli.Import.Mem0Server;

/// <summary>
/// A memory as the Python mem0-server (the mem0 library) kept it: a Qdrant point whose id is the memory id, whose
/// payload holds the text (`data`), its MD5 (`hash`), `created_at`/`updated_at`, the `user_id`/`agent_id`/`run_id`
/// it was added with, and the caller's metadata keys beside them (`actor_id` and `role` among them, for messages).
/// </summary>
public sealed record LegacyMemory(
    Guid Id, string Text, DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt, string UserId, string? AgentId, string? RunId,
    Dictionary<string, JsonElement>? Metadata, float[]? Vector)
{
    /// <summary>The payload keys mem0 writes itself; every other key is the caller's metadata.</summary>
    public static readonly HashSet<string> OwnKeys = ["data", "hash", "created_at", "updated_at", "user_id", "agent_id", "run_id"];
}

/// <summary>One row of mem0's SQLite `history` table, in the order it was written.</summary>
public sealed record LegacyHistoryRow(Guid MemoryId, string Event, string? OldMemory, string? NewMemory, DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt, bool IsDeleted);
