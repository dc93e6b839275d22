using Mem0.Settings;
using Microsoft.Extensions.Logging;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace Mem0.Projections.Vectors.Qdrant;

/// <summary>
/// Qdrant over gRPC. MEM0_COLLECTION names an alias; the collection behind it is `{alias}_{UTC timestamp}`,
/// created with the configured dimension, cosine distance and payload indexes on every filtered field. A rebuild
/// fills a new collection and moves the alias in one atomic alias operation, then drops the old collection.
/// A real collection that already has the alias's name (made by an older server) is used as it is until the
/// first rebuild replaces it.
/// </summary>
public sealed class QdrantVectorStore(QdrantClient client, VectorIndexOptions settings, ILogger<QdrantVectorStore> log) : IVectorStore
{
    private string Alias => settings.Collection;
    private volatile QdrantVectorIndex _live = new(client, settings.Collection, settings.QdrantTimeout);

    public IVectorIndex Live => _live;
    public bool IsVolatile => false;

    public static QdrantClient Connect(VectorIndexOptions s) =>
        new(s.QdrantHost!, s.QdrantClientPort, s.QdrantHttps, s.QdrantApiKey, TimeSpan.FromSeconds(30));

    public async Task<bool> InitializeAsync(int dimensions, CancellationToken ct)
    {
        try
        {
            await CheckVersionAsync(ct);
            return await PrepareAsync(dimensions, ct);
        }
        catch (Grpc.Core.RpcException ex)
        {
            throw new StartupCheckException(await QdrantRestProbe.DescribeAsync(settings, ct) ??
                $"Qdrant at {settings.QdrantHost}:{settings.QdrantClientPort} (gRPC) did not answer: {ex.Status.StatusCode} {ex.Status.Detail}", ex);
        }
    }

    /// <summary>The server's version in the log, and a warning when it is off the client's release line.</summary>
    private async Task CheckVersionAsync(CancellationToken ct)
    {
        var health = await client.HealthAsync(ct);
        log.LogInformation("Qdrant {Version} at {Host}:{Port} (client {Client})", health.Version, settings.QdrantHost, settings.QdrantClientPort,
            QdrantVersions.Client.ToString(3));
        if (QdrantVersions.Mismatch(health.Version, QdrantVersions.Client) is { } problem) log.LogWarning("{Problem}", problem);
    }

    private async Task<bool> PrepareAsync(int dimensions, CancellationToken ct)
    {
        var aliases = await client.ListAliasesAsync(ct);
        if (aliases.Any(a => a.AliasName == Alias) || await client.CollectionExistsAsync(Alias, ct))
        {
            var size = (await client.GetCollectionInfoAsync(Alias, ct)).Config.Params.VectorsConfig.Params.Size;
            if (size != (ulong)dimensions)
            {
                throw new StartupCheckException(
                    $"Qdrant collection '{Alias}' holds {size}-dimension vectors but MEM0_EMBED_DIMS is {dimensions}: " +
                    "run `mem0 admin rebuild-index` to re-embed into a new collection, or set the dimension back.");
            }
            return false;
        }
        var created = await CreateCollectionAsync(dimensions, ct);
        await client.CreateAliasAsync(Alias, created.Collection, cancellationToken: ct);
        log.LogInformation("Created Qdrant collection {Collection} behind alias {Alias}", created.Collection, Alias);
        return true;
    }

    public async Task<IVectorIndex> CreateFreshAsync(int dimensions, CancellationToken ct) => await CreateCollectionAsync(dimensions, ct);

    public async Task SwapAsync(IVectorIndex fresh, CancellationToken ct)
    {
        var target = ((QdrantVectorIndex)fresh).Collection;
        var previous = (await client.ListAliasesAsync(ct)).FirstOrDefault(a => a.AliasName == Alias)?.CollectionName;
        if (previous is null && await client.CollectionExistsAsync(Alias, ct))
        {
            // An older server's real collection holds the name: it has to go before the alias can take it.
            await client.DeleteCollectionAsync(Alias, cancellationToken: ct);
            await client.CreateAliasAsync(Alias, target, cancellationToken: ct);
        }
        else
        {
            var ops = new List<AliasOperations>();
            if (previous is not null) ops.Add(new AliasOperations { DeleteAlias = new DeleteAlias { AliasName = Alias } });
            ops.Add(new AliasOperations { CreateAlias = new CreateAlias { AliasName = Alias, CollectionName = target } });
            await client.UpdateAliasesAsync(ops, cancellationToken: ct);
            if (previous is not null && previous != target) await client.DeleteCollectionAsync(previous, cancellationToken: ct);
        }
        log.LogInformation("Alias {Alias} now points at {Collection} (was {Previous})", Alias, target, previous ?? Alias);
    }

    private async Task<QdrantVectorIndex> CreateCollectionAsync(int dimensions, CancellationToken ct)
    {
        var name = $"{Alias}_{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        await client.CreateCollectionAsync(name, new VectorParams { Size = (ulong)dimensions, Distance = Distance.Cosine }, cancellationToken: ct);
        foreach (var field in QdrantPayload.KeywordFields)
        {
            await client.CreatePayloadIndexAsync(name, field, PayloadSchemaType.Keyword, cancellationToken: ct);
        }
        await client.CreatePayloadIndexAsync(name, QdrantPayload.ExpiresAt, PayloadSchemaType.Datetime, cancellationToken: ct);
        await client.CreatePayloadIndexAsync(name, QdrantPayload.UpdatedAt, PayloadSchemaType.Datetime, cancellationToken: ct);
        await client.CreatePayloadIndexAsync(name, QdrantPayload.Version, PayloadSchemaType.Integer, cancellationToken: ct);
        return new QdrantVectorIndex(client, name, settings.QdrantTimeout);
    }
}
