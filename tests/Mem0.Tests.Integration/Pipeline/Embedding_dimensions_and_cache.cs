using Mem0.Tests.Integration.Fixtures;
using Mem0.Tests.Integration.StandIns;
using static Mem0.Tests.Integration.Pipeline.ModelScripts;

namespace Mem0.Tests.Integration.Pipeline;

public sealed class Embedding_dimensions_and_cache
{
    [Fact]
    public async Task A_dimension_setting_that_does_not_match_the_model_stops_start_up_naming_both()
    {
        using var openAi = new OpenAiStandIn(dimensions: 1536);

        var (code, stderr) = await ServerProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["MEM0_PROFILE"] = "local",
            ["MEM0_EMBED_PROVIDER"] = "openai",
            ["MEM0_EMBED_DIMS"] = "3072",
            ["OPENAI_API_KEY"] = ProviderStack.OpenAiKey,
            ["OPENAI_BASE_URL"] = openAi.Url + "/v1",
            ["MEM0_API_KEY"] = "k-0123456789abcdef0123456789abcdef",
            ["MEM0_DEFAULT_USER_ID"] = "u",
            ["MEM0_DATABASE_URL"] = TestEnvironment.DatabaseUrl,
            ["MEM0_DATABASE_SCHEMA"] = "t_" + Guid.NewGuid().ToString("N")[..12],
        });

        Assert.Equal(2, code);
        Assert.Contains("MEM0_EMBED_DIMS is 3072", stderr);
        Assert.Contains("returns 1536-dimensional vectors", stderr);
        Assert.Contains("Set MEM0_EMBED_DIMS=1536", stderr);
        Assert.Single(openAi.Requests(OpenAiStandIn.EmbeddingsPath));
    }

    [Fact]
    public async Task After_a_restart_stored_vectors_come_from_the_database_not_the_provider()
    {
        using var anthropic = new AnthropicStandIn();
        using var openAi = new OpenAiStandIn();
        var schema = "t_" + Guid.NewGuid().ToString("N")[..12];
        var settings = AnthropicWithOpenAiEmbeddings.SettingsFor(anthropic, openAi);
        await using (var first = new Mem0Host(schema, settings, dropSchemaOnDispose: false))
        {
            var api = await first.ReadyAsync();
            anthropic.Script(Facts("Speaks Portuguese", "Works as a nurse", "Has two cats"));
            await api.PostJson("/api/v1/memories", new { content = "I speak Portuguese, work as a nurse and have two cats" });
        }
        var before = openAi.Requests(OpenAiStandIn.EmbeddingsPath).Count;

        await using var second = new Mem0Host(schema, settings);
        var again = await second.ReadyAsync();

        // Only the start-up dimension probe reaches the provider; the three memories load from the cache.
        var startup = openAi.Requests(OpenAiStandIn.EmbeddingsPath).Skip(before).ToList();
        Assert.Equal(["mem0 dimension probe"], startup.Select(r => ModelStandIn.Body(r).GetProperty("input")[0].GetString()));
        var hit = await again.PostJson("/api/v1/memories/search", new { query = "two cats", limit = 1 });
        Assert.Equal("Has two cats", hit.Body.GetProperty("results")[0].GetProperty("memory").GetString());
    }
}
