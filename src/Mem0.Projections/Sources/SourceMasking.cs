using Marten;
using Mem0.Contracts.Events;

namespace Mem0.Projections.Sources;

/// <summary>
/// Forgetting an input removes what it said from its recorded event, with Marten's event data masking: the content,
/// the messages and the metadata become empty, while who, when and which changes stay (the memories' histories still
/// name the source). Done before the forget commits, so an input is never reported forgotten while its words remain.
/// </summary>
public static class SourceMasking
{
    public const string Forgotten = "(forgotten)";

    public static SourceRecorded Mask(SourceRecorded e) => e with
    {
        Content = e.Content is null ? null : Forgotten,
        Messages = e.Messages?.Select(m => m with { Content = Forgotten }).ToList(),
        Metadata = null,
    };

    public static Task ForgetAsync(IDocumentStore store, Guid sourceId, CancellationToken ct) =>
        store.Advanced.ApplyEventDataMasking(x => x.IncludeStream(sourceId), ct);
}
