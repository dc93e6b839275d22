using System.Net;
using Mem0.Tests.Integration.Fixtures;
using Mem0.Tests.Integration.StandIns;
using static Mem0.Tests.Integration.Pipeline.ModelScripts;

namespace Mem0.Tests.Integration.Pipeline;

/// <summary>OpenAI (or any OpenAI-compatible server) for both steps, through the OpenAI client library.</summary>
public sealed class OpenAI_for_chat_and_embeddings(OpenAiOnly stack) : IClassFixture<OpenAiOnly>
{
    [Fact]
    public async Task Extraction_uses_json_mode_and_the_bearer_key_and_yields_one_memory_per_fact()
    {
        var user = "user-" + Guid.NewGuid().ToString("N")[..8];
        stack.OpenAi.Script(Facts("Lives in Lisbon", "Prefers dark mode"));

        var reply = await stack.Api.PostJson("/api/v1/memories", new { content = "I live in Lisbon and prefer dark mode", user_id = user });

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(["Lives in Lisbon", "Prefers dark mode"],
            reply.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("memory").GetString()));
        var chat = stack.OpenAi.Requests(OpenAiStandIn.ChatPath)[^1];
        var body = ModelStandIn.Body(chat);
        Assert.Equal("gpt-4.1-mini", body.GetProperty("model").GetString());
        Assert.Equal("json_object", body.GetProperty("response_format").GetProperty("type").GetString());
        Assert.Equal("Bearer " + ProviderStack.OpenAiKey, ModelStandIn.Header(chat, "Authorization"));
        Assert.Contains("pick out the facts worth keeping", chat.RequestMessage.Body);

        var search = await stack.Api.PostJson("/api/v1/memories/search", new { query = "where does the user live? Lisbon", user_id = user, limit = 1 });
        Assert.Equal("Lives in Lisbon", search.Body.GetProperty("results")[0].GetProperty("memory").GetString());
    }
}
