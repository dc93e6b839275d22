using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using static Qdrant.Client.Grpc.Conditions;

namespace Mem0.Tests.Integration.Qdrant;

/// <summary>
/// What the server relies on Qdrant to do, asked through Qdrant.Client of whichever Qdrant the tests use: the
/// stand-in by default, a live Qdrant with QDRANT_URL (so the same checks show the stand-in answers as Qdrant
/// does). Each names the page of Qdrant's documentation (qdrant.tech/documentation/…) that decides the behaviour.
/// </summary>
public sealed class Qdrant_semantics : IAsyncLifetime
{
    private readonly string _collection = "mem0_spec_" + Guid.NewGuid().ToString("N")[..10];
    private readonly QdrantClient _client = QdrantTarget.Client();

    private static readonly Guid A = Guid.Parse("00000000-0000-4000-8000-00000000000a");
    private static readonly Guid B = Guid.Parse("00000000-0000-4000-8000-00000000000b");
    private static readonly Guid C = Guid.Parse("00000000-0000-4000-8000-00000000000c");
    private static readonly Guid D = Guid.Parse("00000000-0000-4000-8000-00000000000d");

    public async Task InitializeAsync()
    {
        await _client.CreateCollectionAsync(_collection, new VectorParams { Size = 3, Distance = Distance.Cosine });
        await _client.UpsertAsync(_collection,
        [
            Point(A, [1, 0, 0], new() { ["user_id"] = "ana", ["tags"] = new[] { "music", "work" }, ["n"] = 1, ["at"] = "2024-01-01T00:00:00Z" }),
            Point(B, [0.9f, 0.1f, 0], new() { ["user_id"] = "ana", ["tags"] = new[] { "food" }, ["n"] = 5, ["expires"] = "2030-01-01T00:00:00Z" }),
            Point(C, [0, 1, 0], new() { ["user_id"] = "ben", ["n"] = 10.5, ["gone"] = Null }),
            Point(D, [0, 0, 1], new() { ["user_id"] = "ben", ["tags"] = Array.Empty<string>() }),
        ]);
    }

    private static readonly global::Qdrant.Client.Grpc.Value Null = new() { NullValue = global::Qdrant.Client.Grpc.NullValue.NullValue };

    private static PointStruct Point(Guid id, float[] vector, Dictionary<string, global::Qdrant.Client.Grpc.Value> payload)
    {
        var point = new PointStruct { Id = id, Vectors = vector };
        foreach (var (k, v) in payload) point.Payload[k] = v;
        return point;
    }

    private async Task<List<Guid>> Matching(Filter filter) =>
        (await _client.ScrollAsync(_collection, filter, limit: 100)).Result.Select(p => Guid.Parse(p.Id.Uuid)).Order().ToList();

    /// <summary>concepts/filtering: must, should, must_not; match keyword on a value or any element of an array.</summary>
    [Fact]
    public async Task Clauses_and_keyword_matches_follow_the_filtering_page()
    {
        Assert.Equal([A, B], await Matching(MatchKeyword("user_id", "ana")));
        Assert.Equal([A], await Matching(MatchKeyword("tags", "music")));
        Assert.Equal([A, B], await Matching(new Filter { Should = { MatchKeyword("tags", "music"), MatchKeyword("tags", "food") } }));
        Assert.Equal([C, D], await Matching(new Filter { MustNot = { MatchKeyword("user_id", "ana") } }));
        Assert.Equal([B], await Matching(new Filter { Must = { MatchKeyword("user_id", "ana") }, MustNot = { MatchKeyword("tags", "music") } }));
        // match any: any element is one of the values; an absent field matches neither any nor except.
        Assert.Equal([A, B], await Matching(Match("tags", ["work", "food"])));
        // except over an array: at least one element is none of the values (A keeps "work"; B has only "food").
        Assert.Equal([A], await Matching(new Filter { Must = { new Condition { Field = new FieldCondition { Key = "tags", Match = new Match { ExceptKeywords = new RepeatedStrings { Strings = { "music", "food" } } } } } } }));
        Assert.Equal([A, B, C, D], await Matching(new Filter()));
    }

    /// <summary>concepts/filtering, "Range" and "Datetime Range"; integers and floats compare as numbers.</summary>
    [Fact]
    public async Task Ranges_compare_numbers_and_datetimes()
    {
        Assert.Equal([B, C], await Matching(Range("n", new global::Qdrant.Client.Grpc.Range { Gt = 1 })));
        Assert.Equal([A, B], await Matching(Range("n", new global::Qdrant.Client.Grpc.Range { Lte = 5 })));
        var after = new Condition { Field = new FieldCondition { Key = "expires", DatetimeRange = new DatetimeRange { Gt = Timestamp.FromDateTime(new DateTime(2029, 1, 1, 0, 0, 0, DateTimeKind.Utc)) } } };
        Assert.Equal([B], await Matching(after));
        var before = new Condition { Field = new FieldCondition { Key = "at", DatetimeRange = new DatetimeRange { Lt = Timestamp.FromDateTime(new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc)) } } };
        Assert.Equal([A], await Matching(before));
    }

    /// <summary>concepts/filtering, "Is Empty" (absent, null or []) and "Is Null" (an explicit null only); "Has id".</summary>
    [Fact]
    public async Task Is_empty_is_null_and_has_id()
    {
        Assert.Equal([C, D], await Matching(IsEmpty("tags")));
        Assert.Equal([C], await Matching(IsNull("gone")));
        Assert.Equal([A, C], await Matching(HasId([A, C])));
        Assert.Equal([A, B, D], await Matching(new Filter { MustNot = { IsNull("gone") } }));
    }

    /// <summary>concepts/search: cosine similarity of normalized vectors, best first, filtered before the limit.</summary>
    [Fact]
    public async Task Query_ranks_by_cosine_within_the_filter()
    {
        var hits = await _client.QueryAsync(_collection, query: new float[] { 2, 0, 0 }, limit: 2);
        Assert.Equal([A, B], hits.Select(h => Guid.Parse(h.Id.Uuid)));
        Assert.Equal(1f, hits[0].Score, 3);
        Assert.Equal(0.9f / MathF.Sqrt(0.82f), hits[1].Score, 3);
        var ben = await _client.QueryAsync(_collection, query: new float[] { 1, 0, 0 }, filter: MatchKeyword("user_id", "ben"), limit: 1);
        Assert.Equal([C], ben.Select(h => Guid.Parse(h.Id.Uuid)));
        Assert.Equal("ben", ben[0].Payload["user_id"].StringValue);
    }

    /// <summary>concepts/points, "Conditional updates": an existing point is replaced only when it matches update_filter; a new one is inserted.</summary>
    [Fact]
    public async Task A_conditional_upsert_replaces_only_matching_points()
    {
        var older = new Filter { Must = { Range("n", new global::Qdrant.Client.Grpc.Range { Lt = 3 }) } };
        var e = Guid.NewGuid();
        await _client.UpsertAsync(_collection, [Point(A, [1, 0, 0], new() { ["n"] = 3 }), Point(B, [1, 0, 0], new() { ["n"] = 3 }), Point(e, [1, 0, 0], new() { ["n"] = 3 })], older);
        var points = await _client.RetrieveAsync(_collection, [A, B, e], withPayload: true);
        Assert.Equal(new Dictionary<Guid, long> { [A] = 3, [B] = 5, [e] = 3 }, points.ToDictionary(p => Guid.Parse(p.Id.Uuid), p => p.Payload["n"].IntegerValue));
    }

    /// <summary>concepts/points, "Scroll points": id order, pages joined by next_page_offset; "Counting points".</summary>
    [Fact]
    public async Task Scroll_pages_in_id_order_and_count_counts_the_filter()
    {
        var first = await _client.ScrollAsync(_collection, limit: 3, vectorsSelector: true);
        Assert.Equal([A, B, C], first.Result.Select(p => Guid.Parse(p.Id.Uuid)));
        // Cosine vectors come back normalized; the dense values are in `dense` (Qdrant 1.13+) or the older `data`.
#pragma warning disable CS0612
        var vector = first.Result[1].Vectors.Vector is { Dense: { } dense } ? dense.Data : first.Result[1].Vectors.Vector.Data;
#pragma warning restore CS0612
        Assert.Equal(1f, vector.Sum(v => v * v), 3);
        var second = await _client.ScrollAsync(_collection, limit: 3, offset: first.NextPageOffset);
        Assert.Equal([D], second.Result.Select(p => Guid.Parse(p.Id.Uuid)));
        Assert.Null(second.NextPageOffset);
        Assert.Equal(2ul, await _client.CountAsync(_collection, MatchKeyword("user_id", "ben"), exact: true));
        await _client.DeleteAsync(_collection, MatchKeyword("user_id", "ben"));
        Assert.Equal(2ul, await _client.CountAsync(_collection, exact: true));
    }

    /// <summary>concepts/collections, "Collection aliases": one request's actions apply together; a deleted collection takes its aliases.</summary>
    [Fact]
    public async Task Aliases_switch_atomically_and_follow_their_collection()
    {
        var alias = _collection + "_live";
        var next = _collection + "_next";
        await _client.CreateCollectionAsync(next, new VectorParams { Size = 3, Distance = Distance.Cosine });
        await _client.CreateAliasAsync(alias, _collection);
        Assert.Equal(4ul, await _client.CountAsync(alias, exact: true));
        await _client.UpdateAliasesAsync([new AliasOperations { DeleteAlias = new DeleteAlias { AliasName = alias } },
            new AliasOperations { CreateAlias = new CreateAlias { AliasName = alias, CollectionName = next } }]);
        Assert.Equal(0ul, await _client.CountAsync(alias, exact: true));
        Assert.Equal(next, (await _client.ListAliasesAsync()).Single(a => a.AliasName == alias).CollectionName);
        // An alias to a collection that does not exist is refused. (Whether the actions before it in the same request
        // stay undone is not documented, and the server never sends such a request, so it is not asserted.)
        await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => _client.CreateAliasAsync(alias + "_x", "no_such_collection_" + Guid.NewGuid().ToString("N")));
        await _client.DeleteCollectionAsync(next);
        Assert.DoesNotContain(await _client.ListAliasesAsync(), a => a.AliasName == alias);
    }

    /// <summary>concepts/snapshots: create, list, download from the REST port, delete.</summary>
    [Fact]
    public async Task Snapshots_are_made_listed_downloaded_and_deleted()
    {
        var snapshot = await _client.CreateSnapshotAsync(_collection);
        Assert.Contains(await _client.ListSnapshotsAsync(_collection), s => s.Name == snapshot.Name);
        var s = QdrantTarget.Settings("unused");
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{(s["QDRANT_HTTPS"] == "true" ? "https" : "http")}://{s["QDRANT_HOST"]}:{s["QDRANT_PORT"]}/collections/{_collection}/snapshots/{snapshot.Name}");
        request.Headers.Add("api-key", s["QDRANT_API_KEY"]);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"download answered {(int)response.StatusCode}");
        Assert.Equal(snapshot.Size, (await response.Content.ReadAsByteArrayAsync()).Length);
        await _client.DeleteSnapshotAsync(_collection, snapshot.Name);
        Assert.DoesNotContain(await _client.ListSnapshotsAsync(_collection), x => x.Name == snapshot.Name);
    }

    /// <summary>A collection that does not exist is NOT_FOUND, as Qdrant answers it.</summary>
    [Fact]
    public async Task A_missing_collection_is_not_found()
    {
        var e = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => _client.CountAsync("no_such_" + _collection));
        Assert.Equal(Grpc.Core.StatusCode.NotFound, e.StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _client.DeleteCollectionAsync(_collection);
        _client.Dispose();
    }
}
