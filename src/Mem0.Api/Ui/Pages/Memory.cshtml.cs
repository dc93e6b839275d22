using Marten;
using Mem0.Api.Memories;
using Mem0.Api.Memories.History;
using Mem0.Api.Memories.Review;
using Mem0.Api.Memories.Rewind;
using Mem0.Api.Sources;
using Mem0.Contracts.Model;
using Mem0.Projections.Memories;
using Microsoft.AspNetCore.Mvc;

namespace Mem0.Api.Ui.Pages;

/// <summary>
/// One memory: what it says now (or that it is deleted), its governance keys, its history as a timeline with a revert
/// on every earlier text, the input it came from, and the actions (undelete, approve, reject, stale, delete). Every
/// action is the API's own handler, recorded with the surface `console`.
/// </summary>
public sealed class MemoryModel(IQuerySession session, SourcesHandler sources, RewindMemoryHandler rewinds,
    ReviewMemoriesHandler reviews, Mem0.Api.Memories.Delete.DeleteMemoryHandler deletes) : ConsolePage
{
    [FromRoute(Name = "id")] public string Id { get; set; } = "";

    public MemoryView? Memory { get; private set; }
    public IReadOnlyList<HistoryRow> History { get; private set; } = [];
    public SourceResponse? Source { get; private set; }
    public bool Exists => History.Count > 0;
    public bool Deleted => Exists && Memory is null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!Exists) Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    public Task<IActionResult> OnPostRevertAsync([FromForm] long version, CancellationToken ct) =>
        ActAsync(() => rewinds.RevertAsync(Id, new RevertMemoryRequest(version), Surfaces.Console, ct), $"Reverted to the text of version {version}.", ct);

    public Task<IActionResult> OnPostUndeleteAsync(CancellationToken ct) =>
        ActAsync(() => rewinds.UndeleteAsync(Id, Surfaces.Console, ct), "Undeleted.", ct);

    public Task<IActionResult> OnPostReviewAsync([FromForm(Name = "status")] string status, CancellationToken ct) =>
        ActAsync(() => reviews.ReviewAsync(new ReviewMemoriesRequest([Id], status), Surfaces.Console, ct), $"Marked {status}.", ct,
            ReviewStatuses.Contains(status) ? null : "Choose approved, rejected or stale.");

    public Task<IActionResult> OnPostDeleteAsync(CancellationToken ct) =>
        ActAsync(() => deletes.DeleteAsync(Id, Surfaces.Console, ct), "Deleted. Its history stays, and Undelete brings it back.", ct);

    public static readonly string[] ReviewStatuses = ["approved", "rejected", "stale"];

    private async Task<IActionResult> ActAsync<T>(Func<Task<T>> action, string done, CancellationToken ct, string? refusal = null) where T : class
    {
        if (refusal is not null) Refuse(refusal);
        else if (await AttemptAsync(action) is not null)
        {
            return Back($"/ui/memories/{Uri.EscapeDataString(Id)}", done);
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (!Guid.TryParse(Id, out var id)) return;
        Memory = await session.LoadAsync<MemoryView>(id, ct);
        // The stream outlives the memory: a deleted one still has its history (and none means no such memory).
        History = HistoryRow.FromStream(await session.Events.FetchStreamAsync(id, token: ct));
        var sourceId = Memory?.SourceId ?? History.LastOrDefault(h => h.SourceId is not null)?.SourceId;
        if (sourceId is { } s)
        {
            try
            {
                Source = await sources.GetAsync(s.ToString(), ct);
            }
            catch (Errors.ApiError)
            {
                // A forgotten input: the memory keeps its link, the input is gone.
            }
        }
    }
}
