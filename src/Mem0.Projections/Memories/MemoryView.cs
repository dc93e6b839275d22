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

    /// <summary>When it was last vetted (`reviewed_at` of its metadata).</summary>
    public DateTimeOffset? ReviewedAt { get; set; }

    /// <summary>When an add's extraction (or a re-extraction) last rewrote its text on its own: what the review queue shows.</summary>
    public DateTimeOffset? ExtractorChangedAt { get; set; }
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

    /// <summary>A memory as it reads in one state, the governance keys lifted out of its metadata.</summary>
    public static MemoryView Of(Guid id, string text, string fingerprint, string userId, string? agentId, string? runId,
        Dictionary<string, JsonElement>? metadata, DateTimeOffset createdAt, DateTimeOffset updatedAt, long version, Guid? sourceId,
        DateTimeOffset? occurredAt, DateTimeOffset recencyAt)
    {
        var view = new MemoryView
        {
            Id = id,
            Text = text,
            Fingerprint = fingerprint,
            UserId = userId,
            AgentId = agentId,
            RunId = runId,
            CreatedAt = createdAt,
            UpdatedAt = updatedAt,
            Version = version,
            SourceId = sourceId,
            OccurredAt = occurredAt,
            HappenedAt = occurredAt ?? createdAt,
            RecencyAt = recencyAt,
        };
        view.TakeMetadata(metadata);
        return view;
    }

    /// <summary>The metadata, and the governance keys lifted out of it so reads can filter on them.</summary>
    public void TakeMetadata(Dictionary<string, JsonElement>? metadata)
    {
        Metadata = metadata;
        Source = MetadataKeys.String(metadata, MetadataKeys.Source);
        Confidence = MetadataKeys.String(metadata, MetadataKeys.Confidence);
        ReviewStatus = MetadataKeys.String(metadata, MetadataKeys.ReviewStatus);
        ExpiresAt = MetadataKeys.Timestamp(metadata, MetadataKeys.ExpiresAt);
        ReviewedAt = MetadataKeys.Timestamp(metadata, MetadataKeys.ReviewedAt);
    }
}

public sealed class MemoryViewProjection : SingleStreamProjection<MemoryView, Guid>
{
    public static MemoryView Create(IEvent<MemoryAdded> e)
    {
        var a = e.Data;
        var view = MemoryView.Of(a.MemoryId, a.Text, a.Fingerprint, a.UserId, a.AgentId, a.RunId, a.Metadata, a.At, a.At, e.Version, a.SourceId,
            a.OccurredAt, a.OccurredAt ?? a.At);
        view.ContentFingerprint = a.ContentFingerprint;
        return view;
    }

    public static MemoryView Create(IEvent<MemoryRestored> e)
    {
        var r = e.Data;
        return MemoryView.Of(r.MemoryId, r.Text, r.Fingerprint, r.UserId, r.AgentId, r.RunId, r.Metadata, r.CreatedAt, r.At, e.Version, r.SourceId,
            r.OccurredAt, r.At);
    }

    public static void Apply(IEvent<MemoryUpdated> e, MemoryView view)
    {
        view.Text = e.Data.Text;
        view.Fingerprint = e.Data.Fingerprint;
        view.ContentFingerprint = e.Data.ContentFingerprint;
        view.UpdatedAt = e.Data.At;
        view.Version = e.Version;
        view.RecencyAt = e.Data.OccurredAt ?? e.Data.At;
        if (e.Data.OccurredAt is { } occurred) view.OccurredAt = occurred;
        // A rewrite by an add names its input; an edit by hand or a revert keeps the one the text came from before.
        if (e.Data.SourceId is { } source) view.SourceId = source;
        if (e.Data.SourceId is not null && e.Data.RevertedTo is null) view.ExtractorChangedAt = e.Data.At;
    }

    /// <summary>The governance keys changed; the text, and so the recency, did not.</summary>
    public static void Apply(IEvent<MemoryReviewed> e, MemoryView view)
    {
        view.TakeMetadata(e.Data.Metadata);
        // The event's own time, not `reviewed_at` (whole seconds): a review in the same second as an extraction's
        // rewrite must still count as after it, or the memory stays in the review queue.
        if (e.Data.ReviewStatus is not null) view.ReviewedAt = e.Data.At;
        view.UpdatedAt = e.Data.At;
        view.Version = e.Version;
    }

    public static bool ShouldDelete(MemoryDeleted _) => true;
}
