using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Memories;

/// <summary>
/// Keyword and hybrid order by BM25 relevance (issue 16). Guards the two ways the old ranking failed on real
/// conversations: newest-first keyword order, and a hybrid whose name list was flooded by a name on every turn.
/// The later memory is always the one that should lose, so recency order would fail each test.
/// </summary>
public sealed class Relevance_ranking(ClockedHost host) : IClassFixture<ClockedHost>
{
    private static string NewUser() => "user-" + Guid.NewGuid().ToString("N")[..8];

    private static List<string> Texts(JsonReply reply) =>
        reply.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("memory").GetString()!).ToList();

    private async Task Add(string user, params string[] contents)
    {
        var api = await host.ReadyAsync();
        foreach (var content in contents)
        {
            await api.PostJson("/api/v1/memories", new { content, user_id = user });
            ClockedHost.Clock.Advance(TimeSpan.FromMinutes(1));
        }
    }

    [Fact]
    public async Task A_keyword_match_repeating_a_rare_word_beats_one_repeating_a_common_word()
    {
        var api = await host.ReadyAsync();
        var user = NewUser();
        // "red" in 10 of 22 memories, "fox" in 2: both count, the rarer more.
        await Add(user, Enumerable.Range(1, 12).Select(i => $"Errand {i}: pick up the parcel.").ToArray());
        await Add(user, Enumerable.Range(1, 8).Select(i => $"The red paint for room {i} arrived on time.").ToArray());
        await Add(user, "A red fox ran past, and the fox den by the fox trail is empty.");
        await Add(user, "A red fox ran past the red gate and red barn in the red dusk.");

        var reply = await api.PostJson("/api/v1/memories/search", new { query = "red fox", mode = "keyword", user_id = user });

        Assert.Equal(["A red fox ran past, and the fox den by the fox trail is empty.", "A red fox ran past the red gate and red barn in the red dusk."],
            Texts(reply));
    }

    [Fact]
    public async Task A_long_text_does_not_win_a_keyword_search_by_its_length()
    {
        var api = await host.ReadyAsync();
        var user = NewUser();
        var filler = string.Join(" ", Enumerable.Range(1, 60).Select(i => $"day{i} was spent on chores"));
        await Add(user, "We bought a kayak.", "The garage needs a new shelf.", "The lake opens in May.");
        await Add(user, $"Diary: {filler}, then the kayak trip, and later the kayak repair.");

        var reply = await api.PostJson("/api/v1/memories/search", new { query = "kayak", mode = "keyword", user_id = user });

        Assert.Equal("We bought a kayak.", Texts(reply)[0]);
        Assert.Equal(2, Texts(reply).Count);
    }

    [Fact]
    public async Task Hybrid_keeps_the_semantic_hit_when_every_memory_names_the_same_person()
    {
        var api = await host.ReadyAsync();
        var user = NewUser();
        await Add(user, "[2023-05-01] Caroline: I started taking cello lessons on Tuesday evenings.");
        await Add(user, Enumerable.Range(1, 15).Select(i => $"[2023-05-{i + 1:D2}] Caroline: Haha, what a day {i}, talk soon!").ToArray());
        var query = new { query = "Which musical instrument is Caroline learning?", user_id = user, limit = 3 };

        var semantic = await api.PostJson("/api/v1/memories/search", query);
        var hybrid = await api.PostJson("/api/v1/memories/search", new { query.query, query.user_id, query.limit, mode = "hybrid" });

        Assert.Equal("[2023-05-01] Caroline: I started taking cello lessons on Tuesday evenings.", Texts(semantic)[0]);
        Assert.Equal(Texts(semantic)[0], Texts(hybrid)[0]);
    }

    [Fact]
    public async Task Hybrid_ranks_a_rare_word_above_memories_that_share_only_common_words_with_the_query()
    {
        var api = await host.ReadyAsync();
        var user = NewUser();
        await Add(user, "The quarterly report for the board is due on Friday.");
        await Add(user, Enumerable.Range(1, 10).Select(i => $"Report {i}: the team shipped the weekly update.").ToArray());
        await Add(user, "Zebrafish tank temperature must stay at 28 degrees.");

        var reply = await api.PostJson("/api/v1/memories/search",
            new { query = "zebrafish report", user_id = user, mode = "hybrid", limit = 3 });

        Assert.Equal("Zebrafish tank temperature must stay at 28 degrees.", Texts(reply)[0]);
    }
}
