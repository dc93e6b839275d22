using System.Net;
using System.Text;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Memories;

/// <summary>
/// Input PostgreSQL cannot store or the service will not carry is refused at once with 422 naming the field (or 413
/// for a body too large), before any work: no hang until the bus times out, nothing stored, no 500.
/// </summary>
public sealed class Refusing_bad_input(SharedHost host) : IClassFixture<SharedHost>
{
    public static TheoryData<string, string, string> Refusals => new()
    {
        { "/api/v1/memories", """{"content":"hello\u0000world"}""", "content must not contain the NUL character (U+0000), found at position 5." },
        { "/api/v1/memories", """{"messages":[{"role":"user","content":"a\u0000"}]}""", "messages[0].content must not contain the NUL character" },
        { "/api/v1/memories", """{"messages":[{"role":"wizard","content":"hi"}]}""", "messages[0].role must be one of user, assistant, system, tool." },
        { "/api/v1/memories", """{"content":"hi","agent_id":"n8n\u0000"}""", "agent_id must not contain the NUL character" },
        { "/api/v1/memories", """{"content":"hi","metadata":{"note":"x\u0000"}}""", "metadata.note must not contain the NUL character" },
        { "/api/v1/memories", """{"content":"hi","metadata":{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":1}}}}}}}}}}""", "metadata must be at most 8 levels deep" },
        { "/api/v1/memories/search", """{"query":"tea\u0000","mode":"keyword"}""", "query must not contain the NUL character" },
        { "/api/v1/memories/search", """{"query":"tea","agent_id":"\u0000"}""", "agent_id must not contain the NUL character" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Text_postgresql_cannot_store_is_refused_with_422_naming_the_field(string path, string body, string detail)
    {
        var api = await host.ReadyAsync();
        var before = await api.ListIds();

        var reply = await api.PostRaw(path, body);

        reply.AssertError(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.StartsWith(detail, reply.Text("detail"));
        Assert.Equal(before, await api.ListIds());
    }

    [Fact]
    public async Task An_unpaired_surrogate_is_refused_with_422()
    {
        var api = await host.ReadyAsync();
        var reply = await api.PostRaw("/api/v1/memories", """{"content":"half a pair: \ud83d here"}""");
        reply.AssertError(HttpStatusCode.UnprocessableEntity, "validation_error");
    }

    [Fact]
    public async Task Metadata_larger_than_16_kb_and_filters_with_nul_are_refused()
    {
        var api = await host.ReadyAsync();
        var big = await api.PostJson("/api/v1/memories", new { content = "hi", metadata = new { blob = new string('x', 17_000) } });
        big.AssertError(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.StartsWith("metadata must be at most 16384 bytes as JSON", big.Text("detail"));

        var list = await api.GetJson("/api/v1/memories?agent_id=a%00b");
        list.AssertError(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.StartsWith("agent_id must not contain the NUL character", list.Text("detail"));
    }

    [Fact]
    public async Task A_body_over_a_megabyte_is_413_before_it_is_read()
    {
        var api = await host.ReadyAsync();
        using var content = new StringContent("{\"content\":\"" + new string('x', 1_100_000) + "\"}", Encoding.UTF8, "application/json");

        var reply = await api.Send(HttpMethod.Post, "/api/v1/memories", content);

        reply.AssertError(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }
}
