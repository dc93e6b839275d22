using Marten;
using Mem0.Projections.Store;
using Mem0.Api.Errors;
using Mem0.Api.Memories;
using Mem0.Api.Memories.Rewind;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Projections.Memories;
using Mem0.Projections.Sources;

namespace Mem0.Api.Sources;

/// <summary>What an undo or a forget did: per memory, its outcome and text now.</summary>
public sealed record SourceRewindResponse(Guid SourceId, bool Forgotten, IReadOnlyList<RewoundMemory> Memories);

/// <summary>An input's read, its undo (every change it caused reverted) and its forgetting.</summary>
public sealed class SourcesHandler(IQuerySession session, RewindSender sender)
{
    public async Task<SourceResponse> GetAsync(string id, CancellationToken ct)
    {
        var source = await session.LoadAsync<SourceView>(Parse(id), ct) ?? throw NotFound(id);
        var live = await session.LoadByIdAsync<MemoryView>(source.Changes.Select(c => c.MemoryId), v => v.Id, ct);
        return SourceResponse.WithMemories(source, live);
    }

    public Task<SourceRewindResponse> UndoAsync(string id, string surface, CancellationToken ct) => RewindAsync(RewindKind.UndoSource, id, surface, ct);

    public Task<SourceRewindResponse> ForgetAsync(string id, string surface, CancellationToken ct) => RewindAsync(RewindKind.ForgetSource, id, surface, ct);

    private async Task<SourceRewindResponse> RewindAsync(RewindKind kind, string id, string surface, CancellationToken ct)
    {
        var sourceId = Parse(id);
        var result = await sender.SendAsync(kind, sourceId, null, new Provenance(null, surface), ct);
        return new SourceRewindResponse(sourceId, kind == RewindKind.ForgetSource, result.Memories);
    }

    private static Guid Parse(string id) => Guid.TryParse(id, out var g) ? g : throw NotFound(id);

    private static ApiError NotFound(string id) => ApiError.NotFound($"Source {id} not found.");
}
