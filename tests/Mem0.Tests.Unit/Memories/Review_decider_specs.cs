using System.Text.Json;
using JasperFx.Events;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Events;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Extractor.Memories.Review;
using Mem0.Projections.Memories;

namespace Mem0.Tests.Unit.Memories;

/// <summary>What a review appends, and how the view and the review queue's fields read it, without a store.</summary>
public sealed class Review_decider_specs
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly Provenance ByConsole = new(null, Surfaces.Console);

    private static MemoryView View(Guid id, string? status = null, DateTimeOffset? expires = null, long version = 1)
    {
        var metadata = new Dictionary<string, JsonElement> { ["source"] = JsonSerializer.SerializeToElement("import:notes") };
        if (status is not null) metadata["review_status"] = JsonSerializer.SerializeToElement(status);
        if (expires is not null) metadata["expires_at"] = JsonSerializer.SerializeToElement(expires.Value.ToString("O"));
        return MemoryView.Of(id, "Owns a kayak", Fingerprint.Of("Owns a kayak"), "u", null, null, metadata, Now.AddDays(-1), Now.AddDays(-1), version,
            null, null, Now.AddDays(-1));
    }

    private static ReviewMemories Command(IReadOnlyList<Guid> ids, string? status = null, DateTimeOffset? expires = null, bool clear = false) =>
        new(Guid.NewGuid(), ids, status, expires, clear, ByConsole);

    [Fact]
    public void Approving_appends_one_event_per_memory_that_changes_at_the_next_version_and_reports_the_rest()
    {
        var (pending, approved, gone) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var views = new Dictionary<Guid, MemoryView> { [pending] = View(pending, "pending", version: 4), [approved] = View(approved, "approved") };

        var (decision, memories) = ReviewDecider.Decide(Command([pending, approved, gone, pending], "approved"), views, Now);

        var write = Assert.Single(decision.Writes);
        Assert.Equal((pending, 5L), (write.StreamId, write.ExpectedVersion));
        var reviewed = Assert.IsType<MemoryReviewed>(write.Event);
        Assert.Equal("approved", reviewed.Metadata["review_status"].GetString());
        Assert.Equal("console", reviewed.Metadata["reviewed_by"].GetString());
        Assert.Equal("2026-12-03T10:00:00Z", reviewed.Metadata["reviewed_at"].GetString());
        Assert.Equal("import:notes", reviewed.Metadata["source"].GetString());
        Assert.Equal([ReviewedMemory.Reviewed, ReviewedMemory.Unchanged, ReviewedMemory.NotFound], memories.Select(m => m.Outcome));
        Assert.Equal(5, memories[0].Version);
    }

    [Fact]
    public void An_expiry_is_set_or_cleared_and_the_status_is_left_alone()
    {
        var id = Guid.NewGuid();
        var expires = Now.AddDays(30);
        var (set, _) = ReviewDecider.Decide(Command([id], expires: expires), new Dictionary<Guid, MemoryView> { [id] = View(id, "approved") }, Now);
        var setEvent = Assert.IsType<MemoryReviewed>(Assert.Single(set.Writes).Event);
        Assert.Equal("2027-01-02T10:00:00Z", setEvent.Metadata["expires_at"].GetString());
        Assert.Equal("approved", setEvent.Metadata["review_status"].GetString());
        Assert.False(setEvent.Metadata.ContainsKey("reviewed_at"));

        var withExpiry = View(id, "approved", expires);
        var (cleared, _) = ReviewDecider.Decide(Command([id], clear: true), new Dictionary<Guid, MemoryView> { [id] = withExpiry }, Now);
        Assert.False(Assert.IsType<MemoryReviewed>(Assert.Single(cleared.Writes).Event).Metadata.ContainsKey("expires_at"));
        var (again, memories) = ReviewDecider.Decide(Command([id], clear: true), new Dictionary<Guid, MemoryView> { [id] = View(id, "approved") }, Now);
        Assert.Empty(again.Writes);
        Assert.Equal(ReviewedMemory.Unchanged, memories[0].Outcome);
    }

    [Fact]
    public void The_view_takes_the_review_and_marks_what_an_extraction_rewrote_for_the_queue()
    {
        var id = Guid.NewGuid();
        var view = View(id, "pending");
        var source = Guid.NewGuid();
        MemoryViewProjection.Apply(new Event<MemoryUpdated>(new MemoryUpdated(id, "Owns two kayaks", "Owns a kayak", Fingerprint.Of("Owns two kayaks"),
            null, null, "rest", Now.AddHours(-1), SourceId: source)) { Version = 2, StreamId = id }, view);
        Assert.Equal(Now.AddHours(-1), view.ExtractorChangedAt);
        // A revert is no extraction.
        MemoryViewProjection.Apply(new Event<MemoryUpdated>(new MemoryUpdated(id, "Owns a kayak", "Owns two kayaks", Fingerprint.Of("Owns a kayak"),
            null, null, "console", Now, RevertedTo: 1)) { Version = 3, StreamId = id }, view);
        Assert.Equal(Now.AddHours(-1), view.ExtractorChangedAt);

        var (decision, _) = ReviewDecider.Decide(Command([id], "approved"), new Dictionary<Guid, MemoryView> { [id] = view }, Now);
        var reviewed = (MemoryReviewed)decision.Writes[0].Event;
        MemoryViewProjection.Apply(new Event<MemoryReviewed>(reviewed) { Version = 4, StreamId = id }, view);
        Assert.Equal(("approved", Now, 4L), (view.ReviewStatus, view.ReviewedAt, view.Version));
        Assert.Equal("Owns a kayak", view.Text);
        Assert.Equal("import:notes", view.Source);
    }
}
