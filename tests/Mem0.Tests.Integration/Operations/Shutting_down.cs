using System.Net;
using Mem0.Tests.Integration.Fixtures;
using Mem0.Tests.Integration.StandIns;

namespace Mem0.Tests.Integration.Operations;

/// <summary>SIGTERM while a write is in flight: the write finishes and is stored whole, then the server exits 0.</summary>
public sealed class Shutting_down
{
    [Fact]
    public async Task An_add_in_flight_when_sigterm_arrives_completes_and_the_server_exits_cleanly()
    {
        using var openAi = new OpenAiStandIn();
        var schema = "t_" + Guid.NewGuid().ToString("N")[..12];
        const string key = "shutdown-test-key-0123456789abcdef";
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string>
        {
            ["MEM0_PROFILE"] = "local",
            ["MEM0_LLM_PROVIDER"] = "local",
            ["MEM0_EMBED_PROVIDER"] = "openai",
            ["OPENAI_BASE_URL"] = openAi.Url + "/v1",
            ["OPENAI_API_KEY"] = "test-openai-key",
            ["MEM0_DATABASE_URL"] = TestEnvironment.DatabaseUrl,
            ["MEM0_DATABASE_SCHEMA"] = schema,
            ["MEM0_BUS_PREFIX"] = schema,
            ["MEM0_API_KEY"] = key,
            ["MEM0_DEFAULT_USER_ID"] = "default-user",
        });
        try
        {
            using var api = new HttpClient { BaseAddress = server.Url };
            api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            openAi.SlowEmbeddings(TimeSpan.FromMilliseconds(1500));
            var add = api.PostAsync("/api/v1/memories", JsonContent("""{"content":"Ingrid restores clockwork automata."}"""));
            // Its embedding call has arrived and is held for 1.5 s: the add is in flight when SIGTERM goes out.
            await Eventually.HoldsAsync(() => openAi.EmbeddingArrived("Ingrid"), TimeSpan.FromSeconds(30), "the add's embedding call",
                every: TimeSpan.FromMilliseconds(20));
            var exit = server.TerminateAsync(TimeSpan.FromSeconds(40));

            using var reply = await add;
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
            Assert.Contains("Ingrid restores clockwork automata.", await reply.Content.ReadAsStringAsync());
            Assert.Equal(0, (await exit).Code);

            await using var db = TestEnvironment.Database();
            await using var count = db.CreateCommand($"select count(*) from {schema}.{Mem0.Projections.Store.MartenTables.Views}");
            Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
        }
        finally
        {
            await TestEnvironment.DropSchemaAsync(schema);
        }
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
