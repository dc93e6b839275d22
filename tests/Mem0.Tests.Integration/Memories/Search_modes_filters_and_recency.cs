using System.Net;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Memories;

/// <summary>A host with a hand-moved clock, for ages, recency and expiry.</summary>
public sealed class ClockedHost() : Mem0Host(null, null, clock: Clock)
{
    public static readonly TestClock Clock = new(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
}

public sealed class Search_modes_filters_and_recency(ClockedHost host) : IClassFixture<ClockedHost>
{
    private static string NewUser() => "user-" + Guid.NewGuid().ToString("N")[..8];

    private static List<string> Texts(JsonReply reply) =>
        reply.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("memory").GetString()!).ToList();

    private async Task<Guid> Add(string content, string user, object? extra = null)
    {
        var api = await host.ReadyAsync();
        var body = new Dictionary<string, object?> { ["content"] = content, ["user_id"] = user };
        foreach (var p in extra?.GetType().GetProperties() ?? []) body[p.Name] = p.GetValue(extra);
        var reply = await api.PostJson("/api/v1/memories", body);
        return reply.Body.GetProperty("results")[0].GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Recency_weight_puts_the_newer_of_two_relevant_memories_first_and_reports_the_blend()
    {
        var api = await host.ReadyAsync();
        var user = NewUser();
        await Add("Our deploy target is CapRover on DigitalOcean.", user);
        ClockedHost.Clock.Advance(TimeSpan.FromDays(90));
        await Add("We now deploy everything to a Hetzner server.", user);
        ClockedHost.Clock.Advance(TimeSpan.FromDays(1));

        var plain = await api.PostJson("/api/v1/memories/search", new { query = "deploy target CapRover DigitalOcean", user_id = user });
        var recent = await api.PostJson("/api/v1/memories/search", new { query = "deploy target CapRover DigitalOcean", user_id = user, recency_weight = 0.9 });

        Assert.Equal("Our deploy target is CapRover on DigitalOcean.", Texts(plain)[0]);
        Assert.False(plain.Body.GetProperty("results")[0].TryGetProperty("rerank_score", out _));
        Assert.Equal("We now deploy everything to a Hetzner server.", Texts(recent)[0]);
        var ranks = recent.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("rerank_score").GetSingle()).ToList();
        Assert.Equal(ranks.OrderByDescending(r => r), ranks);
        // A 90-day-old memory at a 30-day half-life keeps an eighth of its recency: 0.1·sim + 0.9·0.125 (+ a day).
        var old = recent.Body.GetProperty("results")[1];
        Assert.Equal(0.1 * old.GetProperty("score").GetSingle() + 0.9 * Math.Pow(0.5, 91 / 30.0), old.GetProperty("rerank_score").GetSingle(), 3);
    }

    [Fact]
    public async Task Every_filter_narrows_semantic_keyword_and_hybrid_search_alike()
    {
        var api = await host.ReadyAsync();
        var user = NewUser();
        var target = await Add("Yara's garden shed holds the lawnmower.", user,
            new { agent_id = "n8n", run_id = "r-9", metadata = new { source = "capture:telegram", confidence = "high", review_status = "approved" } });
        await Add("Yara's garden shed has a leaking roof.", user, new { agent_id = "claude-code", run_id = "r-9", metadata = new { source = "user" } });
        await Add("Yara keeps garden tools in the shed.", user, new { agent_id = "n8n", metadata = new { confidence = "low" } });

        foreach (var mode in new[] { "semantic", "keyword", "hybrid" })
        {
            foreach (var filter in new Dictionary<string, object>[]
                     {
                         new() { ["agent_id"] = "n8n", ["run_id"] = "r-9" }, new() { ["source"] = "capture:telegram" },
                         new() { ["confidence"] = "high" }, new() { ["review_status"] = "approved" },
                     })
            {
                var body = new Dictionary<string, object> { ["query"] = "shed", ["mode"] = mode, ["user_id"] = user };
                foreach (var (k, v) in filter) body[k] = v;
                var reply = await api.PostJson("/api/v1/memories/search", body);
                Assert.Equal(HttpStatusCode.OK, reply.Status);
                Assert.Equal([target], reply.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
            }
        }
        var otherUser = await api.PostJson("/api/v1/memories/search", new { query = "shed", mode = "keyword", user_id = NewUser() });
        Assert.Empty(Texts(otherUser));
    }

    [Fact]
    public async Task Exclude_expired_drops_memories_past_their_expiry_in_every_mode()
    {
        var api = await host.ReadyAsync();
        var user = NewUser();
        var now = ClockedHost.Clock.Now;
        await Add("Zoe's parking permit for lot B is valid.", user, new { metadata = new { expires_at = now.AddDays(-1).ToString("O") } });
        await Add("Zoe's parking permit for lot C is valid.", user, new { metadata = new { expires_at = now.AddDays(30).ToString("O") } });

        foreach (var mode in new[] { "semantic", "keyword", "hybrid" })
        {
            var all = await api.PostJson("/api/v1/memories/search", new { query = "parking permit", mode, user_id = user });
            var fresh = await api.PostJson("/api/v1/memories/search", new { query = "parking permit", mode, user_id = user, exclude_expired = true });
            Assert.Equal(2, Texts(all).Count);
            Assert.Equal(["Zoe's parking permit for lot C is valid."], Texts(fresh));
        }
    }

    [Fact]
    public async Task Keyword_matches_inside_words_ignoring_case_most_recent_first()
    {
        var api = await host.ReadyAsync();
        var user = NewUser();
        await Add("The hallway lights are Philips Hue.", user);
        ClockedHost.Clock.Advance(TimeSpan.FromMinutes(5));
        await Add("PHILIPPA lent us her ladder.", user);
        await Add("The kitchen has IKEA lamps.", user);

        var reply = await api.PostJson("/api/v1/memories/search", new { query = "hil", mode = "keyword", user_id = user });

        Assert.Equal(["PHILIPPA lent us her ladder.", "The hallway lights are Philips Hue."], Texts(reply));
        var literal = await api.PostJson("/api/v1/memories/search", new { query = "100%_sure", mode = "keyword", user_id = user });
        Assert.Empty(Texts(literal));
    }

    [Fact]
    public async Task A_two_character_keyword_is_found_inside_words_in_any_case_whole_words_first_and_as_a_hybrid_identifier()
    {
        var api = await host.ReadyAsync();
        var user = NewUser();
        await Add("The Q7 planning starts on Monday.", user);
        ClockedHost.Clock.Advance(TimeSpan.FromMinutes(5));
        await Add("The aq7x adapter is broken.", user);
        await Add("Ölpreise steigen im Winter.", user);
        await Add("Nothing relevant lives here.", user);

        var q7 = await api.PostJson("/api/v1/memories/search", new { query = "q7", mode = "keyword", user_id = user });
        var umlaut = await api.PostJson("/api/v1/memories/search", new { query = "öL", mode = "keyword", user_id = user });
        var hybrid = await api.PostJson("/api/v1/memories/search", new { query = "when does the Q7 work begin?", mode = "hybrid", user_id = user, limit = 2 });

        // The whole word outranks the newer match inside a word.
        Assert.Equal(["The Q7 planning starts on Monday.", "The aq7x adapter is broken."], Texts(q7));
        Assert.Equal(["Ölpreise steigen im Winter."], Texts(umlaut));
        Assert.Contains("The Q7 planning starts on Monday.", Texts(hybrid));
    }

    [Fact]
    public async Task Keyword_search_has_no_scan_cap_across_ten_thousand_memories()
    {
        var api = await host.ReadyAsync();
        var user = NewUser();
        var at = ClockedHost.Clock.Now;
        await host.SeedAsync(user, 10_000, i => i == 17 ? $"Serial number QX{i:D5}-ZETA is on the router." : $"Routine note {i:D5} about errands and chores.", at);

        var needle = await api.PostJson("/api/v1/memories/search", new { query = "x00017-zet", mode = "keyword", user_id = user });
        var many = await api.PostJson("/api/v1/memories/search", new { query = "note 0999", mode = "keyword", user_id = user, limit = 100 });

        Assert.Equal(["Serial number QX00017-ZETA is on the router."], Texts(needle));
        Assert.Equal(Enumerable.Range(9990, 10).Select(i => $"Routine note {i:D5} about errands and chores.").Order(), Texts(many).Order());
    }

    [Fact]
    public async Task Hybrid_finds_an_exact_identifier_that_semantic_search_ranks_out()
    {
        var api = await host.ReadyAsync();
        var user = NewUser();
        // Codes that differ by a character or two look alike to an embedding; BM25 matches the exact one.
        foreach (var s in new[]
                 {
                     "K7Q-2219 is the locker code at the gym.", "K7Q-2921 was the old alarm code.", "K7R-2291 is the bike lock code.",
                     "K7Q-2290 is the code for the storage unit.", "K1Q-2291 unlocks the shed.", "K7Q-9122 is the code of the mailbox.",
                     "K7Q-2211 opens the garage.", "K7O-2291 is the safe's code.",
                 })
        {
            await Add(s, user);
        }
        await Add("K7Q-2291 opens the side gate.", user);
        var query = new { query = "which code is K7Q-2291?", user_id = user, limit = 3 };

        var semantic = await api.PostJson("/api/v1/memories/search", query);
        var hybrid = await api.PostJson("/api/v1/memories/search", new { query.query, query.user_id, query.limit, mode = "hybrid" });

        Assert.DoesNotContain("K7Q-2291 opens the side gate.", Texts(semantic));
        Assert.Equal("K7Q-2291 opens the side gate.", Texts(hybrid)[0]);
        Assert.Equal(3, Texts(hybrid).Count);
    }

    [Fact]
    public async Task Hybrid_matches_each_identifier_once_with_filters_across_several_names()
    {
        var api = await host.ReadyAsync();
        var user = NewUser();
        var both = await Add("Rosalind met Tobias at the Kraków book fair.", user);
        var rosalind = await Add("Rosalind translates Polish poetry.", user);
        var tobias = await Add("Tobias restores pianos in Leipzig.", user, new { agent_id = "claude-code" });
        await Add("Nobody else is named here.", user);
        await Add("Rosalind keeps an allotment.", NewUser());

        var reply = await api.PostJson("/api/v1/memories/search", new { query = "what do Rosalind and Tobias do?", user_id = user, mode = "hybrid", limit = 10 });
        var ids = reply.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
        var filtered = await api.PostJson("/api/v1/memories/search",
            new { query = "what do Rosalind and Tobias do?", user_id = user, agent_id = "claude-code", mode = "hybrid", limit = 10 });

        Assert.Equal(ids.Distinct().Count(), ids.Count);
        // In both lists (semantic and names), so fused above the memory only the semantic list holds.
        Assert.Equal(new[] { both, rosalind, tobias }.Order(), ids.Take(3).Order());
        Assert.Equal([tobias], filtered.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
    }
}
