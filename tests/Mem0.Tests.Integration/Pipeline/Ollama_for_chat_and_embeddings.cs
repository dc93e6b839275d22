using System.Net;
using Mem0.Tests.Integration.Fixtures;
using Mem0.Tests.Integration.StandIns;
using static Mem0.Tests.Integration.Pipeline.ModelScripts;

namespace Mem0.Tests.Integration.Pipeline;

/// <summary>A fully self-hosted setup: Ollama for both steps, through OllamaSharp.</summary>
public sealed class Ollama_for_chat_and_embeddings(OllamaOnly stack) : IClassFixture<OllamaOnly>
{
    [Fact]
    public async Task Extraction_asks_for_json_format_and_embeddings_use_the_ollama_model()
    {
        var user = "user-" + Guid.NewGuid().ToString("N")[..8];
        stack.Ollama.Script(Facts("Lives in Lisbon", "Prefers dark mode"));

        var reply = await stack.Api.PostJson("/api/v1/memories", new { content = "I live in Lisbon and prefer dark mode", user_id = user });

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(2, reply.Body.GetProperty("results").GetArrayLength());
        var chat = ModelStandIn.Body(stack.Ollama.Requests(OllamaStandIn.ChatPath)[^1]);
        Assert.Equal("llama3.2", chat.GetProperty("model").GetString());
        Assert.Equal("json", chat.GetProperty("format").GetString());
        var embed = ModelStandIn.Body(stack.Ollama.Requests(OllamaStandIn.EmbedPath)[^1]);
        Assert.Equal("nomic-embed-text", embed.GetProperty("model").GetString());
        Assert.False(ModelStandIn.HasHeader(stack.Ollama.Requests(OllamaStandIn.ChatPath)[^1], "Authorization"));
    }
}
