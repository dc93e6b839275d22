namespace Mem0.Projections.Store;

/// <summary>
/// The one place that names Marten's tables and rows, for the raw SQL that reads or writes them directly (the index
/// feed, health, ranking, backups). Marten does not expose the event tables' names; the document tables' names are
/// checked against Marten's own mapping by a unit spec, so a Marten change that renames them fails there first.
/// </summary>
public static class MartenTables
{
    public const string Streams = "mt_streams";
    public const string Events = "mt_events";
    public const string EventSequence = "mt_events_sequence";
    public const string Progression = "mt_event_progression";

    /// <summary>The progression row where Marten's daemon records the highest sequence known to be committed.</summary>
    public const string HighWaterMark = "HighWaterMark";

    public const string Views = "mt_doc_memoryview";
    public const string Embeddings = "mt_doc_cachedembedding";
    public const string Timelines = "mt_doc_memorytimeline";
    public const string Sources = "mt_doc_sourceview";
}
