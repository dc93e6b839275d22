using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Pipeline;

/// <summary>Both local embedders run offline from their packages and answer paraphrases (arctic with its query instruction).</summary>
public sealed class Local_embedders
{
    [Theory]
    [InlineData("snowflake-arctic-embed-xs")]
    [InlineData("all-MiniLM-L6-v2")]
    public async Task A_local_embedder_finds_the_memory_a_paraphrase_asks_about(string model)
    {
        await using var host = new Mem0Host(null, new Dictionary<string, string?> { ["MEM0_EMBED_MODEL"] = model });
        var api = await host.ReadyAsync();
        await api.AddOne("Marisol repairs vintage typewriters in Oaxaca.");
        await api.AddOne("The quarterly audit moved to the second week of March.");
        await api.AddOne("Tobiah is allergic to hazelnuts and sesame.");

        Assert.Equal("Tobiah is allergic to hazelnuts and sesame.", (await api.SearchTexts("which foods must Tobiah avoid?", 3))[0]);
        Assert.Equal("Marisol repairs vintage typewriters in Oaxaca.", (await api.SearchTexts("who fixes old writing machines?", 3))[0]);
        var health = (await api.GetJson("/healthz?deep=1")).Body;
        Assert.Equal(3, health.GetProperty("indexed").GetInt64());
    }
}
