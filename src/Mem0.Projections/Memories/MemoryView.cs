using System.Text.Json;
using JasperFx.Events;
using Marten.Events.Aggregation;
using Mem0.Contracts.Events;

namespace Mem0.Projections.Memories;

/// <summary>
/// The read model behind get, list and keyword search: one document per live memory, projected inline from the
/// memory's stream so it is committed with the events. The governance keys of the guide (`source`,
/// `confidence`, `review_status`, `expires_at`) are lifted out of the metadata so reads can filter on them.
/// </summary>
public sealed class MemoryView
{
    public Guid Id { get; set; }
    public string Text { get; set; } = "";
    public string Fingerprint { get; set; } = "";

    /// <summary>Fingerprint of the add that created this memory; unique in the store, so a retried add cannot store twice.</summary>
    public string? ContentFingerprint { get; set; }

    public string UserId { get; set; } = "";
    public string? AgentId { get; set; }
    public string? RunId { get; set; }
    public Dictionary<string, JsonElement>? Metadata { get; set; }
    public string? Source { get; set; }
    public string? Confidence { get; set; }
    public string? ReviewStatus { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; }

    /// <summary>The input whose add created or last rewrote this memory (null for memories older than sources, and imports).</summary>
    public Guid? SourceId { get; set; }

    /// <summary>When the memory's content happened, when its add said so (`occurred_at`); null otherwise.</summary>
    public DateTimeOffset? OccurredAt { get; set; }

    /// <summary>Event time of its creation, `OccurredAt` or else `CreatedAt`: what `list` orders by and the digest window reads.</summary>
    public DateTimeOffset HappenedAt { get; set; }

    /// <summary>Event time of its latest change (the add's `occurred_at`, else when it was made): what recency decays from.</summary>
    public DateTimeOffset RecencyAt { get; set; }
}

public sealed class MemoryViewProjection : SingleStreamProjection<MemoryView, Guid>
{
    public static MemoryView Create(IEvent<MemoryAdded> e)
    {
        var added = e.Data;
        return new MemoryView
        {
            Id = added.MemoryId,
            Text = added.Text,
            Fingerprint = added.Fingerprint,
            ContentFingerprint = added.ContentFingerprint,
            UserId = added.UserId,
            AgentId = added.AgentId,
            RunId = added.RunId,
            Metadata = added.Metadata,
            Source = MetadataKeys.String(added.Metadata, MetadataKeys.Source),
            Confidence = MetadataKeys.String(added.Metadata, MetadataKeys.Confidence),
            ReviewStatus = MetadataKeys.String(added.Metadata, MetadataKeys.ReviewStatus),
            ExpiresAt = MetadataKeys.Timestamp(added.Metadata, MetadataKeys.ExpiresAt),
            CreatedAt = added.At,
            UpdatedAt = added.At,
            Version = e.Version,
            SourceId = added.SourceId,
            OccurredAt = added.OccurredAt,
            HappenedAt = added.OccurredAt ?? added.At,
            RecencyAt = added.OccurredAt ?? added.At,
        };
    }

    public static MemoryView Create(IEvent<MemoryRestored> e)
    {
        var back = e.Data;
        return new MemoryView
        {
            Id = back.MemoryId,
            Text = back.Text,
            Fingerprint = back.Fingerprint,
            UserId = back.UserId,
            AgentId = back.AgentId,
            RunId = back.RunId,
            Metadata = back.Metadata,
            Source = MetadataKeys.String(back.Metadata, MetadataKeys.Source),
            Confidence = MetadataKeys.String(back.Metadata, MetadataKeys.Confidence),
            ReviewStatus = MetadataKeys.String(back.Metadata, MetadataKeys.ReviewStatus),
            ExpiresAt = MetadataKeys.Timestamp(back.Metadata, MetadataKeys.ExpiresAt),
            CreatedAt = back.CreatedAt,
            UpdatedAt = back.At,
            Version = e.Version,
            SourceId = back.SourceId,
            OccurredAt = back.OccurredAt,
            HappenedAt = back.OccurredAt ?? back.CreatedAt,
            RecencyAt = back.At,
        };
    }

    public static void Apply(IEvent<MemoryUpdated> e, MemoryView view)
    {
        view.Text = e.Data.Text;
        view.Fingerprint = e.Data.Fingerprint;
        view.ContentFingerprint = e.Data.ContentFingerprint;
        view.UpdatedAt = e.Data.At;
        view.Version = e.Version;
        view.RecencyAt = e.Data.OccurredAt ?? e.Data.At;
        // A rewrite by an add names its input; an edit by hand or a revert keeps the one the text came from before.
        if (e.Data.SourceId is { } source) view.SourceId = source;
    }

    public static bool ShouldDelete(MemoryDeleted _) => true;
}
