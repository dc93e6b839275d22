using System.Text.Json;
using Mem0.Projections.Embeddings;
using Microsoft.Extensions.AI;

namespace Mem0.Extractor.Ai;

/// <summary>
/// Asks the chat model for a JSON object. A reply that does not parse is sent back once with the parse error so
/// the model can mend it; a second bad reply fails the add (502) rather than dropping facts silently.
/// </summary>
public sealed class JsonAsk(IChatClient chat, Mem0.Settings.AiOptions settings)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<(T Reply, TokenUsage Usage)> AskAsync<T>(string system, string user, Func<T, string?> validate, CancellationToken ct)
        where T : class
    {
        var messages = new List<ChatMessage> { new(ChatRole.System, system), new(ChatRole.User, user) };
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.Json, Temperature = 0 };
        var usage = TokenUsage.None;
        for (var attempt = 1; ; attempt++)
        {
            ChatResponse response;
            try
            {
                response = await chat.GetResponseAsync(messages, options, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                throw new ProviderException($"The LLM provider ({settings.LlmProviderName}, model {settings.LlmModel}) failed: {ProviderErrors.Describe(ex)}", ex);
            }
            usage = usage.Plus(response.Usage);
            var text = response.Text;
            var problem = TryParse(text, validate, out var reply);
            if (problem is null) return (reply!, usage);
            if (attempt == 2)
            {
                throw new ModelReplyException($"The LLM ({settings.LlmModel}) twice answered with unusable JSON ({problem}); nothing was stored.");
            }
            messages.Add(new ChatMessage(ChatRole.Assistant, text));
            messages.Add(new ChatMessage(ChatRole.User,
                $"That answer could not be used: {problem}. Answer again with only the JSON object described, nothing else."));
        }
    }

    public static string? TryParse<T>(string text, Func<T, string?> validate, out T? reply) where T : class
    {
        reply = null;
        var json = StripFences(text);
        try
        {
            reply = JsonSerializer.Deserialize<T>(json, Json);
        }
        catch (JsonException ex)
        {
            return $"not valid JSON ({ex.Message.Split('.', 2)[0]})";
        }
        return reply is null ? "empty answer" : validate(reply);
    }

    /// <summary>Models often wrap JSON in a code fence or a sentence; keep from the first `{` to the last `}`.</summary>
    private static string StripFences(string text)
    {
        var start = text.IndexOf('{');
        var end = text.LastIndexOf('}');
        return start >= 0 && end > start ? text[start..(end + 1)] : text;
    }
}
