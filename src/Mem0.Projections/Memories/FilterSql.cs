using System.Text;
using Mem0.Projections.Vectors;

namespace Mem0.Projections.Memories;

/// <summary>
/// A search filter as a SQL condition with Marten's `?` placeholders, the conditions of `VectorFilter.Matches`, over
/// whichever table holds the fields: the view documents (JSON, in the expressions their indexes are built on) or the
/// terms table (plain columns).
/// </summary>
public sealed record FilterSql(string UserId, string AgentId, string RunId, string Source, string Confidence, string ReviewStatus, string ExpiresAt)
{
    public static readonly FilterSql Views = new("data ->> 'UserId'", "data ->> 'AgentId'", "data ->> 'RunId'", "data ->> 'Source'",
        "data ->> 'Confidence'", "data ->> 'ReviewStatus'", "(data ->> 'ExpiresAt')::timestamptz");

    public static readonly FilterSql Terms = new("user_id", "agent_id", "run_id", "source", "confidence", "review_status", "expires_at");

    public (string Where, List<object> Args) Of(VectorFilter f)
    {
        var sql = new StringBuilder($"{UserId} = ?");
        var args = new List<object> { f.UserId };
        void Eq(string column, string? value)
        {
            if (value is null) return;
            sql.Append($" and {column} = ?");
            args.Add(value);
        }
        Eq(AgentId, f.AgentId);
        Eq(RunId, f.RunId);
        Eq(Source, f.Source);
        Eq(Confidence, f.Confidence);
        Eq(ReviewStatus, f.ReviewStatus);
        if (f.NotExpiredAt is { } now)
        {
            sql.Append($" and ({ExpiresAt} is null or {ExpiresAt} > ?)");
            args.Add(now);
        }
        return (sql.ToString(), args);
    }
}
