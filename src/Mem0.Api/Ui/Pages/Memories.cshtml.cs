using Mem0.Api.Memories;
using Mem0.Api.Memories.List;
using Mem0.Api.Memories.Search;
using Mem0.Api.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Mem0.Api.Ui.Pages;

/// <summary>
/// The list with every filter of `GET /api/v1/memories`, or, with a query, search in any of the three modes with each
/// result's score and the search's stages (what `Server-Timing` tells a script). Both go through the API's own handlers.
/// </summary>
public sealed class MemoriesModel(ListMemoriesHandler lister, SearchMemoriesHandler searcher) : ConsolePage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "mode")] public string? Mode { get; set; }
    [BindProperty(SupportsGet = true, Name = "user_id")] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true, Name = "agent_id")] public string? AgentId { get; set; }
    [BindProperty(SupportsGet = true, Name = "run_id")] public string? RunId { get; set; }
    [BindProperty(SupportsGet = true, Name = "source")] public string? Source { get; set; }
    [BindProperty(SupportsGet = true, Name = "confidence")] public string? Confidence { get; set; }
    [BindProperty(SupportsGet = true, Name = "review_status")] public string? ReviewStatus { get; set; }
    [BindProperty(SupportsGet = true, Name = "exclude_expired")] public bool ExcludeExpired { get; set; }
    [BindProperty(SupportsGet = true, Name = "as_of")] public DateTimeOffset? AsOf { get; set; }
    [BindProperty(SupportsGet = true, Name = "offset")] public int Offset { get; set; }

    public IReadOnlyList<MemoryResponse> Results { get; private set; } = [];
    public bool Searched { get; private set; }
    public bool HasMore { get; private set; }
    public IReadOnlyList<Mem0.Contracts.Model.StageTiming> Stages { get; private set; } = [];

    /// <summary>Any filter set: the filters stay open, so the page shows why the list is what it is.</summary>
    public bool Filtered => new[] { UserId, AgentId, RunId, Source, Confidence, ReviewStatus }.Any(v => Blank(v) is not null) || AsOf is not null || ExcludeExpired;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            Refuse(string.Join(" ", ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => $"{e.Key} is not valid.")));
            return;
        }
        var (user, agent, run, source, confidence, review) = (Blank(UserId), Blank(AgentId), Blank(RunId), Blank(Source), Blank(Confidence), Blank(ReviewStatus));
        if (Blank(Query) is { } query)
        {
            Searched = true;
            var request = new SearchMemoriesRequest(query, Limits.MaxSearchLimit / 4, agent, run, user, source, confidence, review,
                ExcludeExpired ? true : null, Mode: Blank(Mode) ?? SearchMemoriesRequest.Semantic, AsOf: AsOf);
            if (request.Validate() is { } problem)
            {
                Refuse(problem);
                return;
            }
            Results = await AttemptAsync(() => searcher.SearchAsync(request, ct)) ?? [];
            Stages = searcher.Timings.Stages;
            return;
        }
        var list = new ListMemoriesQuery
        {
            UserId = user, AgentId = agent, RunId = run, Source = source, Confidence = confidence, ReviewStatus = review,
            ExcludeExpired = ExcludeExpired ? true : null, AsOf = AsOf, Limit = PageSize, Offset = Offset,
        };
        if (list.Validate() is { } invalid)
        {
            Refuse(invalid);
            return;
        }
        var page = await AttemptAsync(() => lister.ListAsync(list, ct));
        Results = page?.Results ?? [];
        HasMore = page?.Pagination.HasMore ?? false;
    }

    /// <summary>This page again with the same filters at another offset.</summary>
    public string PageLink(int offset)
    {
        var query = Request.Query.Where(p => p.Key is not ("offset" or "done")).ToDictionary(p => p.Key, p => p.Value);
        if (offset > 0) query["offset"] = offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString("/ui/memories", query);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
