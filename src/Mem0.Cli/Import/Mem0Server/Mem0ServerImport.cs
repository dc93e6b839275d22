using Grpc.Core;
using Marten;
using Mem0.Cli.Admin;
using Mem0.Projections.Embeddings;
using Mem0.Projections.Store;
using Mem0.Settings;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace Mem0.Cli.Import.Mem0Server;

/// <summary>
/// `mem0 import mem0-server`: takes in what the guide's Python service stored. Every point of its collection
/// becomes a memory with the same id, text, user/agent/run ids, metadata and times, its stream begun by the events
/// its history records (<see cref="LegacyStreams"/>); written straight to the event store a page at a time (one
/// transaction each), with the server running or stopped, and indexed by the server's feed like any other write.
/// A memory whose stream exists is left alone, so a re-run adds nothing. Vectors are reused (as the embedding
/// cache) when the Python service's model and dimension are the server's; otherwise the server embeds the texts
/// when it indexes them. Exit 0 when every point was imported or already there, 1 when some were refused, 2 when
/// nothing could be read.
/// </summary>
public static class Mem0ServerImport
{
    private const int Page = 200;

    public static async Task<int> RunAsync(Mem0Settings settings, Mem0ServerImportOptions options, TextWriter output, TextWriter error, CancellationToken ct)
    {
        IReadOnlyDictionary<Guid, List<LegacyHistoryRow>> history = new Dictionary<Guid, List<LegacyHistoryRow>>();
        try
        {
            if (options.HistoryDb is { } file) history = LegacyHistory.Read(file);
        }
        catch (Exception ex) when (ex is ImportFormatException or Microsoft.Data.Sqlite.SqliteException)
        {
            await error.WriteLineAsync($"mem0: {ex.Message}");
            return 2;
        }
        using var qdrant = new QdrantClient(options.QdrantUrl, options.QdrantApiKey);
        if (await DescribeAsync(qdrant, options, error, ct) is not { } described) return 2;
        var (total, dimension) = described;
        var reuse = dimension == (ulong)settings.Ai.EmbedDims && options.EmbeddingModel == settings.Ai.EmbedModel;
        var wanted = options.Limit is { } limit ? Math.Min((ulong)limit, total) : total;
        await output.WriteLineAsync($"{(options.DryRun ? "Dry run: reading" : "Importing")} {wanted} of {total} points from {options.QdrantUrl} " +
                                    $"collection '{options.Collection}' into schema {settings.Store.DatabaseSchema}" +
                                    (options.HistoryDb is null ? ", without history" : $", with {history.Values.Sum(r => r.Count)} history rows") + ".");
        await output.WriteLineAsync(reuse
            ? $"Vectors: reused ({dimension}-d {options.EmbeddingModel}, the server's model)."
            : $"Vectors: not reused ({dimension}-d {options.EmbeddingModel}; the server embeds with {settings.Ai.EmbedDims}-d {settings.Ai.EmbedModel}): " +
              "the server embeds each text when it indexes it.");

        var tally = await ImportPagesAsync(qdrant, settings, options, history, reuse, wanted, output, error, ct);
        await output.WriteLineAsync($"{(options.DryRun ? "Would import" : "Imported")} {tally.Imported} memories ({tally.WithHistory} with their history, " +
                                    $"{tally.Events} events, {tally.Vectors} vectors reused); {tally.Present} already present; {tally.Refused} refused.");
        var orphans = history.Keys.Count(id => !tally.Seen.Contains(id));
        if (options.HistoryDb is not null && options.Limit is null && orphans > 0)
        {
            await output.WriteLineAsync($"Not imported: the history of {orphans} memories no longer in the collection (mem0 deleted them).");
        }
        return tally.Refused > 0 ? 1 : 0;
    }

    /// <summary>The collection's point count and vector dimension, or null (said on <paramref name="error"/>) when it cannot be read.</summary>
    private static async Task<(ulong Total, ulong Dimension)?> DescribeAsync(QdrantClient qdrant, Mem0ServerImportOptions options, TextWriter error,
        CancellationToken ct)
    {
        try
        {
            var total = await qdrant.CountAsync(options.Collection, exact: true, cancellationToken: ct);
            var dimension = (await qdrant.GetCollectionInfoAsync(options.Collection, ct)).Config.Params.VectorsConfig.Params?.Size ?? 0;
            return (total, dimension);
        }
        catch (RpcException ex)
        {
            await error.WriteLineAsync($"mem0: cannot read collection '{options.Collection}' at {options.QdrantUrl} over gRPC: {ex.StatusCode} {ex.Status.Detail}" +
                                       (ex.StatusCode == StatusCode.NotFound ? "" : " (the URL must be Qdrant's gRPC port, 6334 unless changed)"));
            return null;
        }
    }

    /// <summary>Reads the collection a page at a time and writes each page's new memories in one transaction.</summary>
    private static async Task<Tally> ImportPagesAsync(QdrantClient qdrant, Mem0Settings settings, Mem0ServerImportOptions options,
        IReadOnlyDictionary<Guid, List<LegacyHistoryRow>> history, bool reuse, ulong wanted, TextWriter output, TextWriter error, CancellationToken ct)
    {
        // The server's feed indexes what this writes; the write path's own indexing would wait on an index that lives in the server.
        await using var services = AdminServices.Build(settings with { Vectors = settings.Vectors with { IndexWait = TimeSpan.Zero } }, error);
        var store = services.GetRequiredService<IDocumentStore>();
        var db = services.GetRequiredService<NpgsqlDataSource>();
        var tally = new Tally();
        PointId? offset = null;
        var read = 0ul;
        while (read < wanted)
        {
            var take = (uint)Math.Min((ulong)Page, wanted - read);
            var page = await qdrant.ScrollAsync(options.Collection, limit: take, offset: offset, payloadSelector: true, vectorsSelector: reuse, cancellationToken: ct);
            if (page.Result.Count == 0) break;
            read += (ulong)page.Result.Count;
            var memories = new List<LegacyMemory>();
            foreach (var point in page.Result)
            {
                try
                {
                    memories.Add(LegacyPayload.Read(point, settings.Server.DefaultUserId ?? "default-user", DateTimeOffset.UtcNow));
                }
                catch (ImportFormatException ex)
                {
                    tally.Refused++;
                    await error.WriteLineAsync($"mem0: skipped: {ex.Message}");
                }
            }
            await WriteAsync(store, db, settings, memories, history, reuse, options.DryRun, tally, ct);
            await output.WriteLineAsync($"  {read}/{wanted} read: {tally.Imported} {(options.DryRun ? "to import" : "imported")}, {tally.Present} already present, {tally.Refused} refused");
            offset = page.NextPageOffset;
            if (offset is null) break;
        }
        return tally;
    }

    private sealed class Tally
    {
        public int Imported, Present, Refused, WithHistory, Events, Vectors;
        public HashSet<Guid> Seen { get; } = [];
    }

    private static async Task WriteAsync(IDocumentStore store, NpgsqlDataSource db, Mem0Settings settings, List<LegacyMemory> memories,
        IReadOnlyDictionary<Guid, List<LegacyHistoryRow>> history, bool reuse, bool dryRun, Tally tally, CancellationToken ct)
    {
        foreach (var m in memories) tally.Seen.Add(m.Id);
        var present = await ExistingStreamsAsync(db, store.Options.DatabaseSchemaName, memories.Select(m => m.Id).ToArray(), ct);
        tally.Present += memories.Count(m => present.Contains(m.Id));
        var fresh = memories.Where(m => !present.Contains(m.Id)).ToList();
        if (fresh.Count == 0) return;
        await using var session = store.LightweightSession();
        foreach (var m in fresh)
        {
            var stream = LegacyStreams.For(m, history.GetValueOrDefault(m.Id));
            session.Events.StartStream(m.Id, stream.Events);
            tally.Imported++;
            tally.Events += stream.Events.Count;
            if (stream.FromHistory) tally.WithHistory++;
            if (reuse && m.Vector is { } vector)
            {
                session.Store(new CachedEmbedding { Id = CachedEmbedding.KeyFor(settings.Ai.EmbedModel, m.Text), Vector = vector });
                tally.Vectors++;
            }
        }
        if (!dryRun) await session.SaveChangesAsync(ct);
    }

    private static async Task<HashSet<Guid>> ExistingStreamsAsync(NpgsqlDataSource db, string schema, Guid[] ids, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"select id from {schema}.{MartenTables.Streams} where id = any($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = ids });
        var found = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found.Add(reader.GetGuid(0));
        return found;
    }
}
