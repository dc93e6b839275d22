using Mem0.Api.Health;

namespace Mem0.Api.Ui.Pages;

/// <summary>The console's front page: the totals, the health in one word, and what was added per day by surface and by agent.</summary>
public sealed class IndexModel(ConsoleQueries queries, AddsPerDay adds, TimeProvider clock) : ConsolePage
{
    public const int Days = 30;

    public int Memories { get; private set; }
    public int Waiting { get; private set; }
    public HealthResponse Health { get; private set; } = null!;
    public StackedChart BySurface { get; private set; } = null!;
    public StackedChart ByAgent { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Memories = await queries.CountAsync(ct);
        Waiting = await queries.WaitingCountAsync(ct);
        Health = await HealthEndpoint.ReadAsync(HttpContext.RequestServices, deep: false, ct);
        var counts = await adds.ReadAsync(Days, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        BySurface = StackedChart.Of("By surface", counts, c => c.Surface, today, Days);
        ByAgent = StackedChart.Of("By agent", counts, c => c.Agent, today, Days);
    }
}
