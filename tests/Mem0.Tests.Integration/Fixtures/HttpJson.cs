using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Mem0.Tests.Integration.Fixtures;

public sealed record JsonReply(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)
{
    public string Text(string property) => Body.GetProperty(property).GetString()!;
}

/// <summary>Small helpers so tests read as requests and answers.</summary>
public static class HttpJson
{
    public static Task<JsonReply> PostJson(this HttpClient client, string path, object body) =>
        client.Send(HttpMethod.Post, path, JsonContent.Create(body));

    public static Task<JsonReply> PostRaw(this HttpClient client, string path, string rawJson) =>
        client.Send(HttpMethod.Post, path, new StringContent(rawJson, Encoding.UTF8, "application/json"));

    public static Task<JsonReply> PutJson(this HttpClient client, string path, object body) =>
        client.Send(HttpMethod.Put, path, JsonContent.Create(body));

    public static Task<JsonReply> GetJson(this HttpClient client, string path) => client.Send(HttpMethod.Get, path, null);

    public static Task<JsonReply> DeleteJson(this HttpClient client, string path) => client.Send(HttpMethod.Delete, path, null);

    public static async Task<JsonReply> Send(this HttpClient client, HttpMethod method, string path, HttpContent? content)
    {
        var response = await client.SendAsync(new HttpRequestMessage(method, path) { Content = content });
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new JsonReply(response.StatusCode, body, response);
    }

    /// <summary>Asserts the guide's stable error shape and returns the machine code.</summary>
    public static string AssertError(this JsonReply reply, HttpStatusCode status, string code)
    {
        Assert.Equal(status, reply.Status);
        Assert.Equal(code, reply.Text("error"));
        Assert.False(string.IsNullOrWhiteSpace(reply.Text("detail")));
        Assert.False(string.IsNullOrWhiteSpace(reply.Text("request_id")));
        return code;
    }

    /// <summary>Adds content that makes exactly one memory (or is already stored) and returns its id.</summary>
    public static async Task<Guid> AddOne(this HttpClient client, string content, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["content"] = content };
        if (extra is not null)
        {
            foreach (var p in extra.GetType().GetProperties()) body[p.Name] = p.GetValue(extra);
        }
        var reply = await client.PostJson("/api/v1/memories", body);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        // Theories share their class's store, so a second case may meet its content already stored.
        if (reply.Body.TryGetProperty("memory_id", out var known)) return known.GetGuid();
        var results = reply.Body.GetProperty("results");
        Assert.Equal(1, results.GetArrayLength());
        return results[0].GetProperty("id").GetGuid();
    }

    public static async Task<List<string>> SearchTexts(this HttpClient client, string query, int limit = 10)
    {
        var reply = await client.PostJson("/api/v1/memories/search", new { query, limit });
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("memory").GetString()!).ToList();
    }

    public static async Task<List<Guid>> ListIds(this HttpClient client, string query = "")
    {
        var reply = await client.GetJson("/api/v1/memories?limit=100" + query);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
    }
}
