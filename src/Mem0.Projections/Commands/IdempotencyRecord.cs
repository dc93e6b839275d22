namespace Mem0.Projections.Commands;

/// <summary>
/// One `Idempotency-Key` of one route: the request it belongs to (a hash of method, path and body), and once the
/// first request finished, its status and body to replay. Kept in PostgreSQL, so retries are recognised across
/// restarts and API replicas.
/// </summary>
public sealed class IdempotencyRecord
{
    public string Id { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Until when the request that claimed the key is known to be running; it renews this while it runs.</summary>
    public DateTimeOffset LeaseUntil { get; set; }
    public bool Completed { get; set; }
    public int Status { get; set; }
    public string? ContentType { get; set; }
    public string? Body { get; set; }
}
