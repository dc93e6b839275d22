using System.Net;
using System.Text.RegularExpressions;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Operations;

public sealed class Health_metrics_and_docs(SharedHost host) : IClassFixture<SharedHost>
{
    [Fact]
    public async Task A_flood_of_invented_methods_and_paths_adds_no_series()
    {
        await host.ReadyAsync();
        using var anonymous = host.CreateClient();
        async Task FloodAsync(int round)
        {
            for (var i = 0; i < 40; i++)
            {
                using var request = new HttpRequestMessage(new HttpMethod($"X{round}M{i}"), $"/healthz/{round}/{i}");
                using var _ = await anonymous.SendAsync(request);
                using var path = await anonymous.GetAsync($"/no/such/path/{round}-{i}");
            }
        }
        static int Series(string metrics) => metrics.Split('\n').Count(l => l.StartsWith("http_request"));

        await FloodAsync(0);
        var before = Series(await anonymous.GetStringAsync("/metrics"));
        await FloodAsync(1);
        var metrics = await anonymous.GetStringAsync("/metrics");

        Assert.Equal(before, Series(metrics));
        Assert.Contains("method=\"OTHER\"", metrics);
        Assert.DoesNotContain("X1M", metrics);
        Assert.DoesNotContain("/no/such/path", metrics);
    }

    [Fact]
    public async Task Metrics_count_requests_under_their_route_template_and_show_the_domain_figures()
    {
        var api = await host.ReadyAsync();
        var id = await api.AddOne("Lysander collects antique barometers.");
        await api.GetJson($"/api/v1/memories/{id}");

        using var anonymous = host.CreateClient();
        var metrics = await anonymous.GetStringAsync("/metrics");

        Assert.Matches(new Regex("""http_requests_total\{method="GET",route="/api/v1/memories/\{id\}",status="200"\} [1-9]"""), metrics);
        Assert.Matches(new Regex("""http_request_duration_seconds_count\{method="POST",route="/api/v1/memories/"\} [1-9]"""), metrics);
        Assert.DoesNotContain(id.ToString(), metrics);
        Assert.Matches(new Regex("""mem0_adds_total\{outcome="added"\} [1-9]"""), metrics);
        Assert.Matches(new Regex("""mem0_bus_request_duration_seconds_count\{command="AddMemory"\} [1-9]"""), metrics);
        Assert.Matches(new Regex("""mem0_embedding_duration_seconds_count\{provider="local"\} [1-9]"""), metrics);
        Assert.Matches(new Regex("""(?m)^mem0_memories [1-9]"""), metrics);
        Assert.Matches(new Regex("""(?m)^mem0_projection_lag_events \d"""), metrics);
    }

    [Fact]
    public async Task Docs_serve_the_openapi_document_with_every_api_route_and_an_interactive_page()
    {
        await host.ReadyAsync();
        using var anonymous = host.CreateClient();

        var doc = await anonymous.GetStringAsync("/docs/openapi.json");
        foreach (var path in new[] { "/api/v1/memories", "/api/v1/memories/{id}", "/api/v1/memories/search", "/api/v1/memories/delete_bulk",
                     "/api/v1/memories/{id}/history", "/api/v1/admin/rebuild-index", "/api/v1/memories/{id}/revert", "/api/v1/memories/{id}/undelete",
                     "/api/v1/sources/{id}", "/api/v1/sources/{id}/undo", "/api/v1/admin/re-extract", "/api/v1/memories/review" })
        {
            Assert.Contains($"\"{path}\":", doc);
        }
        // The new read parameters are documented with their wire names.
        Assert.Contains("\"as_of\"", doc);
        Assert.Contains("\"include_source\"", doc);
        Assert.Contains("\"occurred_at\"", doc);
        Assert.Contains("\"memory_ids\"", doc);
        // The console's pages are for browsers, not part of the API's document.
        Assert.DoesNotContain("\"/ui", doc);
        // The error shape is a schema of its own, referenced by the error statuses.
        Assert.Contains("\"ErrorBody\"", doc);
        Assert.Contains("\"request_id\"", doc);
        using var page = await anonymous.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task The_jobs_dashboard_opens_only_with_the_api_key_as_bearer_or_basic_password()
    {
        await host.ReadyAsync();
        using var client = host.CreateClient();
        async Task<HttpResponseMessage> Get(string? scheme, string? value)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
            if (scheme is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(scheme, value);
            return await client.SendAsync(request);
        }
        static string Basic(string password) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("anyone:" + password));

        using var anonymous = await Get(null, null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.StartsWith("Basic", anonymous.Headers.WwwAuthenticate.ToString());
        using var wrong = await Get("Basic", Basic("not-the-key"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        using var basic = await Get("Basic", Basic(host.ApiKey));
        Assert.Equal(HttpStatusCode.OK, basic.StatusCode);
        Assert.Contains("mem0 jobs", await basic.Content.ReadAsStringAsync());
        using var bearer = await Get("Bearer", host.ApiKey);
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
    }

    [Fact]
    public async Task Every_request_gets_one_log_line_with_its_id_method_path_status_and_latency()
    {
        var api = await host.ReadyAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/memories?limit=1");
        request.Headers.Add("X-Request-Id", "log-line-check-1");
        (await api.SendAsync(request)).Dispose();

        var line = Assert.Single(host.Logs.Lines, l => l.Contains("RequestTelemetryMiddleware") && l.Contains("request_id=log-line-check-1"));
        Assert.Matches(new Regex(@"GET /api/v1/memories 200 [\d.]+ ms"), line);
    }
}

public sealed class Health_when_the_database_goes_away
{
    [Fact]
    public async Task Healthz_turns_503_naming_postgres_and_recovers_when_it_is_back()
    {
        var target = new Uri(TestEnvironment.DatabaseUrl);
        await using var cutter = new TcpCutter(target.Host, target.Port);
        var url = new UriBuilder(target) { Port = cutter.Port }.Uri.ToString();
        await using var host = new Mem0Host(null, new Dictionary<string, string?> { ["MEM0_DATABASE_URL"] = url });
        var api = await host.ReadyAsync();

        cutter.Cut();
        // deep=1 with the key: checked now, not the answer of up to 2 s ago.
        var down = await api.GetJson("/healthz?deep=1");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.Status);
        Assert.Equal((false, "unreachable"), (down.Body.GetProperty("ok").GetBoolean(), down.Body.GetProperty("postgres").GetString()));

        cutter.Restore();
        JsonReply up = null!;
        await Eventually.HoldsAsync(async () => (up = await api.GetJson("/healthz?deep=1")).Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30),
            "/healthz to recover once PostgreSQL is back", () => Task.FromResult(up.Body.ToString()), TimeSpan.FromMilliseconds(200));
        Assert.Equal("reachable", up.Body.GetProperty("postgres").GetString());
    }
}

public sealed class Health_answers_from_a_recent_check
{
    [Fact]
    public async Task Healthz_answers_from_a_check_at_most_two_seconds_old_and_deep_with_the_key_checks_now()
    {
        await using var host = new Mem0Host(null, null);
        var api = await host.ReadyAsync();
        using var anonymous = host.CreateClient();
        async Task<DateTimeOffset> CheckedAt(HttpClient client, string path = "/healthz")
        {
            var reply = await client.GetJson(path);
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            return reply.Body.GetProperty("checked_at").GetDateTimeOffset();
        }

        var first = await CheckedAt(anonymous);
        var flood = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => CheckedAt(anonymous)));
        Assert.All(flood, at => Assert.True(at - first < TimeSpan.FromSeconds(2.5), $"{at} against {first}"));
        Assert.InRange(flood.Distinct().Count(), 1, 2);
        var deep = await CheckedAt(api, "/healthz?deep=1");
        Assert.True(deep > flood.Max());
        Assert.Equal(deep, await CheckedAt(anonymous));
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        Assert.True(await CheckedAt(anonymous) > deep);

        (await anonymous.GetJson("/healthz?deep=1")).AssertError(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
