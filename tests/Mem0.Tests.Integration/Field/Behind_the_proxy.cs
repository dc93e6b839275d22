using System.Net;
using System.Text.Json;
using Mem0.Tests.Integration.Fixtures;
using Mem0.Tests.Integration.Mcp;
using Mem0.Tests.Integration.OAuth;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;

namespace Mem0.Tests.Integration.Field;

/// <summary>
/// The rehearsal of the production topology (<see cref="FieldTopology"/>): every check goes over https through nginx,
/// as a remote client sees the service. Guards the field failures that the lab suite could not see: every MCP call
/// refused with 403 behind a TLS proxy, a forged X-Forwarded-For locking the owner out, and the embedded index
/// refusing roles in separate processes. Each test binds its own loopback source address, so one test's failed
/// attempts never limit another's.
/// </summary>
[Trait("Category", "Field")]
[Collection(FieldCollection.Name)]
public sealed class Behind_the_proxy(FieldTopology field)
{
    [FieldFact]
    public async Task Rest_add_search_get_delete_work_over_https_and_a_write_on_one_replica_is_read_at_once_on_the_other()
    {
        using var api = field.Client("127.0.0.2");
        var id = await api.AddOne("Hedda keeps three beehives on the roof of the Lisbon office.");
        Assert.Contains("Hedda keeps three beehives on the roof of the Lisbon office.", await api.SearchTexts("who keeps bees at work?"));
        Assert.Equal(HttpStatusCode.OK, (await api.GetJson($"/api/v1/memories/{id}")).Status);

        // Each replica answers from its own embedded index: a write through one is found at once on the other.
        using var one = field.Direct("api1");
        using var two = field.Direct("api2");
        for (var i = 0; i < 4; i++)
        {
            var (writer, reader) = i % 2 == 0 ? (one, two) : (two, one);
            var fact = $"Courier {i} of the Vellmar archive cycles in from Harlow every Thursday.";
            var written = await writer.AddOne(fact);
            Assert.Contains(fact, await reader.SearchTexts($"how does courier {i} of the Vellmar archive travel?"));
            Assert.Equal(HttpStatusCode.OK, (await reader.GetJson($"/api/v1/memories/{written}")).Status);
            Assert.Equal(HttpStatusCode.OK, (await reader.DeleteJson($"/api/v1/memories/{written}")).Status);
            Assert.DoesNotContain(fact, await writer.SearchTexts($"how does courier {i} of the Vellmar archive travel?"));
            Assert.DoesNotContain(fact, await reader.SearchTexts($"how does courier {i} of the Vellmar archive travel?"));
        }

        Assert.Equal(HttpStatusCode.OK, (await api.DeleteJson($"/api/v1/memories/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetJson($"/api/v1/memories/{id}")).Status);
        Assert.DoesNotContain("Hedda keeps three beehives on the roof of the Lisbon office.", await api.SearchTexts("who keeps bees at work?"));
    }

    [FieldFact]
    public async Task The_official_mcp_client_connects_with_the_bearer_key()
    {
        using var http = field.Client("127.0.0.3");
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = new Uri(field.Url, "/mcp"), TransportMode = HttpTransportMode.StreamableHttp },
            http, NullLoggerFactory.Instance);
        await using var client = await McpClient.CreateAsync(transport);
        Assert.Contains(await client.ListToolsAsync(), t => t.Name == "add_memory");
        var added = await client.Call("add_memory", new { content = "Prefers rooibos after dinner." });
        Assert.False(added.IsError ?? false, added.Text());
        Assert.Contains("rooibos", (await client.Call("search_memories", new { query = "what does the user drink in the evening?" })).Text());
    }

    [FieldFact]
    public async Task The_official_mcp_client_discovers_registers_consents_and_calls_tools_through_oauth()
    {
        var browser = new OAuthFlow(field.Client("127.0.0.4", withKey: false));
        var consents = 0;
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(field.Url, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            OAuth = browser.SdkOptions(field.ApiKey, "rehearsal client", authorize =>
            {
                Interlocked.Increment(ref consents);
                Assert.Equal(new Uri(field.Url, "/mcp").AbsoluteUri, System.Web.HttpUtility.ParseQueryString(authorize.Query)["resource"]);
                Assert.Equal(field.Url.Host, authorize.Host);
            }),
        }, field.Client("127.0.0.4", withKey: false), NullLoggerFactory.Instance, ownsHttpClient: true);

        await using var client = await McpClient.CreateAsync(transport);
        Assert.Contains(await client.ListToolsAsync(), t => t.Name == "search_memories");
        var added = await client.Call("add_memory", new { content = "Takes the 07:12 ferry to Vashon on weekdays." });
        Assert.False(added.IsError ?? false, added.Text());
        Assert.Contains("ferry", (await client.Call("search_memories", new { query = "how does the user commute?" })).Text());
        Assert.Equal(1, consents);
    }

    [FieldFact]
    public async Task Both_oauth_metadata_documents_name_only_the_public_https_address()
    {
        using var anonymous = field.Client("127.0.0.5", withKey: false);
        var prefix = field.Url.AbsoluteUri; // https://mem0.field.test/
        foreach (var path in new[] { "/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-authorization-server" })
        {
            var document = await anonymous.GetJson(path);
            Assert.Equal(HttpStatusCode.OK, document.Status);
            var urls = Strings(document.Body).Where(s => s.StartsWith("http", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.NotEmpty(urls);
            Assert.All(urls, u => Assert.StartsWith(prefix, u));
        }
        // The 401 that starts discovery points at the same public document.
        using var refused = await anonymous.PostAsync("/mcp", new StringContent(
            """{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains($"resource_metadata=\"{prefix}.well-known/oauth-protected-resource/mcp\"", refused.Headers.WwwAuthenticate.ToString());
    }

    [FieldFact]
    public async Task Docs_the_jobs_dashboard_and_health_answer_through_the_proxy()
    {
        using var owner = field.Client("127.0.0.6");
        using var anonymous = field.Client("127.0.0.6", withKey: false);
        using (var docs = await anonymous.GetAsync("/docs"))
        {
            // The page's redirect keeps the client on the public https address.
            if (docs.StatusCode == HttpStatusCode.Found) Assert.StartsWith("https://mem0.field.test/docs", new Uri(field.Url, docs.Headers.Location!).AbsoluteUri);
            else Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        }
        using (var page = await anonymous.GetAsync("/docs/")) Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using (var openApi = await anonymous.GetAsync("/docs/openapi.json")) Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        using (var jobs = await owner.GetAsync("/hangfire")) Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
        using (var refused = await anonymous.GetAsync("/hangfire")) Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var health = await anonymous.GetJson("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.True(health.Body.GetProperty("ok").GetBoolean(), health.Body.ToString());
    }

    [FieldFact]
    public async Task A_forged_forwarded_for_neither_locks_out_the_address_it_names_nor_frees_the_guesser()
    {
        const string owner = "127.0.0.7";
        const string guesser = "127.0.0.8";
        using var guessing = field.Client(guesser, withKey: false);
        // The limit is 10 failures per replica: two replicas behind round robin allow at most 20 before both refuse.
        var attempts = 0;
        var refusedAt = 0;
        for (; attempts < 25 && refusedAt == 0; attempts++)
        {
            using var guess = new HttpRequestMessage(HttpMethod.Get, "/api/v1/memories");
            guess.Headers.Authorization = new("Bearer", "guess-" + attempts);
            // Every guess names the owner's address, and a different forged one before it each time.
            guess.Headers.Add("X-Forwarded-For", $"198.51.100.{attempts}, {owner}");
            using var answer = await guessing.SendAsync(guess);
            if (answer.StatusCode == HttpStatusCode.TooManyRequests) refusedAt = attempts + 1;
            else Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        }
        Assert.InRange(refusedAt, 11, 21);
        // Both replicas now refuse the guesser, even with the right key…
        using var rightKey = field.Client(guesser);
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.TooManyRequests, (await rightKey.GetAsync("/api/v1/memories")).StatusCode);
        // …and the owner it named is served by both, with or without a forwarded header of its own.
        using var owning = field.Client(owner);
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await owning.GetAsync("/api/v1/memories")).StatusCode);
        using var named = new HttpRequestMessage(HttpMethod.Get, "/api/v1/memories");
        named.Headers.Add("X-Forwarded-For", guesser);
        Assert.Equal(HttpStatusCode.OK, (await owning.SendAsync(named)).StatusCode);
    }

    [FieldFact]
    public async Task Both_extractors_take_commands_and_with_one_killed_the_other_serves()
    {
        using var api = field.Client("127.0.0.9");
        string[] facts =
        [
            "Marisol repairs vintage typewriters in Oaxaca.", "The quarterly audit moved to the second week of March.",
            "Tobiah is allergic to hazelnuts and sesame.", "Our staging cluster runs on three ARM nodes in Frankfurt.",
            "Prefers window seats on overnight trains.", "Ilse's cello lessons are on Tuesday evenings.",
            "The garden shed key hangs behind the pantry door.", "Quentin plans to hike the Kungsleden next August.",
        ];
        foreach (var fact in facts) Assert.Equal(HttpStatusCode.OK, (await api.PostJson("/api/v1/memories", new { content = fact })).Status);
        foreach (var extractor in new[] { "extractor1", "extractor2" })
        {
            using var metrics = field.Direct(extractor);
            var text = await metrics.GetStringAsync("/metrics");
            var count = text.Split('\n').Where(l => l.StartsWith("mem0_extraction_duration_seconds_count"))
                .Sum(l => double.Parse(l.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(count > 0, $"{extractor} extracted nothing out of 8 adds");
        }

        using (var kill = System.Diagnostics.Process.Start("kill", ["-KILL", field.Pid("extractor1").ToString()])!) await kill.WaitForExitAsync();
        for (var i = 0; i < 4; i++)
        {
            var fact = new[] { "Renata collects Soviet-era postage stamps.", "The boiler service is due every October.",
                "Dmitri's flight to Recife lands at 06:40.", "The team retro moved to Friday mornings." }[i];
            Assert.Equal(HttpStatusCode.OK, (await api.PostJson("/api/v1/memories", new { content = fact })).Status);
            Assert.Contains(fact, await api.SearchTexts(fact));
        }
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => [],
    };
}
