namespace Mem0.Api.Auth.OAuth;

/// <summary>
/// Reading OpenIddict's rows through its managers: read a listing whole before looking further (the managers share
/// one database context, which runs one query at a time), and the latest creation date among rows.
/// </summary>
internal static class OAuthRows
{
    public static async Task<List<object>> AllAsync(IAsyncEnumerable<object> rows)
    {
        var all = new List<object>();
        await foreach (var row in rows) all.Add(row);
        return all;
    }

    public static async Task<DateTimeOffset?> LatestAsync(IAsyncEnumerable<object> rows, Func<object, ValueTask<DateTimeOffset?>> created)
    {
        DateTimeOffset? latest = null;
        foreach (var row in await AllAsync(rows))
        {
            if (await created(row) is { } at && (latest is null || at > latest)) latest = at;
        }
        return latest;
    }
}
