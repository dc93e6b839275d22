using Google.Protobuf.WellKnownTypes;
using Mem0.Projections.Vectors;
using Mem0.Projections.Vectors.Qdrant;
using Qdrant.Client.Grpc;

namespace Mem0.Tests.Unit.Vectors;

/// <summary>The translation of our search filters into Qdrant's, checked on the objects sent over gRPC.</summary>
public sealed class Qdrant_filter_specs
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static List<(string Key, string Keyword)> Keywords(Filter f) =>
        f.Must.Where(c => c.Field?.Match is not null).Select(c => (c.Field.Key, c.Field.Match.Keyword)).ToList();

    [Fact]
    public void The_user_alone_is_one_keyword_match()
    {
        var filter = QdrantFilters.From(new VectorFilter("default-user"));
        Assert.Equal([("user_id", "default-user")], Keywords(filter));
        Assert.Single(filter.Must);
        Assert.Empty(filter.Should);
    }

    [Fact]
    public void Every_exact_filter_becomes_a_keyword_match_under_its_payload_key()
    {
        var filter = QdrantFilters.From(new VectorFilter("u", "claude-code", "run-7", "import:chatgpt", "high", "approved"));
        Assert.Equal(
            [("user_id", "u"), ("agent_id", "claude-code"), ("run_id", "run-7"), ("source", "import:chatgpt"), ("confidence", "high"), ("review_status", "approved")],
            Keywords(filter));
    }

    [Fact]
    public void Exclude_expired_keeps_memories_without_expiry_or_expiring_after_now()
    {
        var filter = QdrantFilters.From(new VectorFilter("u", NotExpiredAt: Now));

        var either = Assert.Single(filter.Must, c => c.Filter is not null).Filter;
        Assert.Equal(2, either.Should.Count);
        Assert.Equal("expires_at", either.Should[0].IsEmpty.Key);
        var range = either.Should[1].Field;
        Assert.Equal("expires_at", range.Key);
        Assert.Equal(Timestamp.FromDateTimeOffset(Now), range.DatetimeRange.Gt);
        Assert.Null(range.DatetimeRange.Lt);
    }

    [Fact]
    public void The_payload_carries_the_version_and_only_the_fields_that_are_set()
    {
        var fields = new PointFields("u", "n8n", null, "user", null, null, Now.AddDays(3), Now);
        var payload = QdrantPayload.From(7, fields);

        Assert.Equal(7, payload["version"].IntegerValue);
        Assert.Equal("u", payload["user_id"].StringValue);
        Assert.Equal("n8n", payload["agent_id"].StringValue);
        Assert.Equal("user", payload["source"].StringValue);
        Assert.Equal("2026-12-01T12:00:00.0000000Z", payload["expires_at"].StringValue);
        Assert.Equal("2026-11-28T12:00:00.0000000Z", payload["updated_at"].StringValue);
        Assert.False(payload.ContainsKey("run_id"));
        Assert.False(payload.ContainsKey("confidence"));
        Assert.False(payload.ContainsKey("review_status"));
        Assert.All(QdrantPayload.KeywordFields, k => Assert.Matches("^[a-z_]+$", k));
    }
}
