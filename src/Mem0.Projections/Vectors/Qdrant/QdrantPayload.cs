using Qdrant.Client.Grpc;

namespace Mem0.Projections.Vectors.Qdrant;

/// <summary>
/// What each Qdrant point carries besides its vector: the stream version (so replays upsert idempotently) and the
/// fields searches filter on, under snake_case keys with keyword payload indexes. Absent values are left out, so
/// "is empty" matches them.
/// </summary>
public static class QdrantPayload
{
    public const string Version = "version";
    public const string UserId = "user_id";
    public const string AgentId = "agent_id";
    public const string RunId = "run_id";
    public const string Source = "source";
    public const string Confidence = "confidence";
    public const string ReviewStatus = "review_status";
    public const string ExpiresAt = "expires_at";
    public const string UpdatedAt = "updated_at";

    /// <summary>The keyword fields, each with a payload index so filters never scan.</summary>
    public static readonly string[] KeywordFields = [UserId, AgentId, RunId, Source, Confidence, ReviewStatus];

    public static Dictionary<string, Value> From(long version, PointFields f)
    {
        var payload = new Dictionary<string, Value>
        {
            [Version] = version,
            [UserId] = f.UserId,
            [UpdatedAt] = f.UpdatedAt.UtcDateTime.ToString("O"),
        };
        void Put(string key, string? value)
        {
            if (value is not null) payload[key] = value;
        }
        Put(AgentId, f.AgentId);
        Put(RunId, f.RunId);
        Put(Source, f.Source);
        Put(Confidence, f.Confidence);
        Put(ReviewStatus, f.ReviewStatus);
        Put(ExpiresAt, f.ExpiresAt?.UtcDateTime.ToString("O"));
        return payload;
    }
}
