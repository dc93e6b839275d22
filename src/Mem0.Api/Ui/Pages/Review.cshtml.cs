using Mem0.Api.Memories.Review;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Projections.Memories;
using Microsoft.AspNetCore.Mvc;

namespace Mem0.Api.Ui.Pages;

/// <summary>
/// What waits for a person: memories marked pending or unreviewed, and those an add's extraction rewrote in the last
/// days with no review since. Tick several, then approve, reject, mark stale, set an expiry or clear it: one command.
/// </summary>
public sealed class ReviewModel(ConsoleQueries queries, ReviewMemoriesHandler reviews, TimeProvider clock) : ConsolePage
{
    public const int PageSize = ReviewMemoriesRequest.MaxMemories;

    [BindProperty(SupportsGet = true, Name = "days")] public int Days { get; set; } = 7;
    [BindProperty(SupportsGet = true, Name = "user_id")] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true, Name = "offset")] public int Offset { get; set; }

    public IReadOnlyList<MemoryView> Queue { get; private set; } = [];
    public bool HasMore { get; private set; }
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "ids")] List<string>? ids, [FromForm(Name = "action")] string? action,
        [FromForm(Name = "expires")] DateOnly? expires, CancellationToken ct)
    {
        ReviewMemoriesRequest? request = action switch
        {
            "approved" or "rejected" or "stale" => new ReviewMemoriesRequest(ids, action),
            "expire" when expires is { } day => new ReviewMemoriesRequest(ids, ExpiresAt: new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)),
            "expire" => null,
            "clear-expiry" => new ReviewMemoriesRequest(ids, ClearExpiry: true),
            _ => null,
        };
        var problem = ids is not { Count: > 0 } ? "Tick the memories to review first."
            : request is null ? action == "expire" ? "Choose the day they expire." : "Choose what to do with them."
            : request.Validate();
        if (problem is null && await AttemptAsync(() => reviews.ReviewAsync(request!, Surfaces.Console, ct)) is { } result)
        {
            return Back(Self(), Describe(result, action!));
        }
        if (problem is not null) Refuse(problem);
        await LoadAsync(ct);
        return Page();
    }

    public string Self(int? offset = null) =>
        $"/ui/review?days={Days}" + (UserId is { Length: > 0 } u ? "&user_id=" + Uri.EscapeDataString(u) : "") +
        ((offset ?? Offset) > 0 ? $"&offset={offset ?? Offset}" : "");

    /// <summary>Why the memory is in the queue.</summary>
    public static string Why(MemoryView m) =>
        m.ReviewStatus is { } status && ConsoleQueries.Waiting.Contains(status) ? status
            : $"rewritten by extraction {ConsoleFormat.When(m.ExtractorChangedAt)}";

    private async Task LoadAsync(CancellationToken ct)
    {
        Days = Math.Clamp(Days, 1, 365);
        Offset = Math.Clamp(Offset, 0, Validation.Limits.MaxOffset);
        var user = string.IsNullOrWhiteSpace(UserId) ? null : UserId.Trim();
        if (Validation.Limits.Tag(user, "user_id") is { } invalid)
        {
            Refuse(invalid);
            return;
        }
        (Queue, HasMore) = await queries.ReviewQueueAsync(Days, user, Offset, PageSize, ct);
    }

    private static string Describe(ReviewMemoriesResult result, string action)
    {
        var changed = result.Memories.Count(m => m.Outcome == ReviewedMemory.Reviewed);
        var what = action switch
        {
            "expire" => "given an expiry",
            "clear-expiry" => "cleared of their expiry",
            _ => action,
        };
        var rest = result.Memories.Count - changed;
        return $"{changed} {(changed == 1 ? "memory" : "memories")} {what}." + (rest > 0 ? $" {rest} already so or gone." : "");
    }
}
