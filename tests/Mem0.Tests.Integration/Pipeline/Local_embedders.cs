using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Pipeline;

/// <summary>The second local embedder runs offline from its package and answers paraphrases, with its query instruction.</summary>
public sealed class Local_embedders
{
    [Fact]
    public async Task Arctic_embed_xs_finds_the_memory_a_paraphrase_asks_about()
    {
        await using var host = new Mem0Host(null, new Dictionary<string, string?> { ["MEM0_EMBED_MODEL"] = "snowflake-arctic-embed-xs" });
        var api = await host.ReadyAsync();
        await api.AddOne("Marisol repairs vintage typewriters in Oaxaca.");
        await api.AddOne("The quarterly audit moved to the second week of March.");
        await api.AddOne("Tobiah is allergic to hazelnuts and sesame.");

        Assert.Equal("Tobiah is allergic to hazelnuts and sesame.", (await api.SearchTexts("which foods must Tobiah avoid?", 3))[0]);
        Assert.Equal("Marisol repairs vintage typewriters in Oaxaca.", (await api.SearchTexts("who fixes old writing machines?", 3))[0]);
        var health = (await api.GetJson("/healthz")).Body;
        Assert.Equal(3, health.GetProperty("indexed").GetInt64());
    }
}
