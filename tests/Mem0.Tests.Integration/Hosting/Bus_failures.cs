using System.Net;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Hosting;

public sealed class Bus_failures
{
    [Fact]
    public async Task With_the_broker_unreachable_writes_are_503_backend_unavailable_and_health_says_so()
    {
        // Port 1 on loopback: nothing listens, so the connection is refused at once.
        await using var host = new Mem0Host(null, new Dictionary<string, string?> { ["RABBITMQ_URL"] = "amqp://guest:guest@127.0.0.1:1/" });
        var api = host.Authorized();

        var add = await api.PostJson("/api/v1/memories", new { content = "Quentin's write that cannot travel." });
        add.AssertError(HttpStatusCode.ServiceUnavailable, "backend_unavailable");

        var health = await api.GetJson("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Status);
        Assert.False(health.Body.GetProperty("ok").GetBoolean());
        Assert.Equal("unreachable", health.Text("bus"));
        Assert.Equal("reachable", health.Text("postgres"));

        // Reads do not need the bus.
        Assert.Equal(HttpStatusCode.OK, (await api.GetJson("/api/v1/memories")).Status);
    }

    [Fact]
    public async Task A_reply_that_does_not_come_in_time_is_a_504_in_the_error_shape()
    {
        // A millisecond is less than any add takes (an embedding alone is several), so the wait always runs out.
        await using var host = new Mem0Host(null, new Dictionary<string, string?> { ["MEM0_BUS_TIMEOUT_SECONDS"] = "0.001" });
        var api = await host.ReadyAsync();

        var add = await api.PostJson("/api/v1/memories", new { content = $"Rupert's slow write {Guid.NewGuid()}." });

        add.AssertError(HttpStatusCode.GatewayTimeout, "timeout");
    }
}
