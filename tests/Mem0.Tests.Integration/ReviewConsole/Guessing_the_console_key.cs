using System.Net;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.ReviewConsole;

/// <summary>The console's sign-in counts wrong keys like the API does: past the limit, 429 with Retry-After, even for the right key.</summary>
public sealed class Guessing_the_console_key
{
    [Fact]
    public async Task Wrong_keys_past_the_limit_are_refused_with_retry_after()
    {
        await using var host = new Mem0Host(null, new Dictionary<string, string?> { ["RATE_LIMIT_AUTH_FAILURES"] = "3" });
        await host.ReadyAsync();
        using var guesser = new ConsoleVisitor(host);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            await guesser.GetAsync("/ui/sign-in");
            statuses.Add((await guesser.PostAsync("/ui/sign-in", [new("key", $"guess-{i}")])).Response.StatusCode);
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], statuses.Take(3));
        Assert.All(statuses.Skip(3), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        var limited = await guesser.SignInAsync(host.ApiKey);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.False(guesser.Cookies.ContainsKey("mem0_console"));
    }
}
