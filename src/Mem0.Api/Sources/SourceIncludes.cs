using Marten;
using Mem0.Projections.Store;
using Mem0.Api.Memories;
using Mem0.Projections.Sources;

namespace Mem0.Api.Sources;

/// <summary>`include_source` on reads: each memory with the input it came from, in one read for a page of results.</summary>
public static class SourceIncludes
{
    public static async Task<IReadOnlyList<MemoryResponse>> AttachAsync(IQuerySession session, IReadOnlyList<MemoryResponse> memories, CancellationToken ct)
    {
        var sources = await session.LoadByIdAsync<SourceView>(memories.Where(m => m.SourceId is not null).Select(m => m.SourceId!.Value), s => s.Id, ct);
        if (sources.Count == 0) return memories;
        return memories.Select(m => m.SourceId is { } s && sources.TryGetValue(s, out var source) ? m with { Source = SourceResponse.From(source) } : m)
            .ToList();
    }
}
