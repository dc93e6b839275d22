using System.ClientModel;
using System.Net.Http;

namespace Mem0.Extractor.Ai;

public static class ProviderErrors
{
    /// <summary>What a provider failure was, in one line: the HTTP status where there is one, never headers or keys.</summary>
    public static string Describe(Exception ex) => ex switch
    {
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status} {status}",
        Anthropic.Exceptions.AnthropicApiException a => $"HTTP {(int)a.StatusCode} {a.StatusCode}",
        ClientResultException { Status: > 0 } c => $"HTTP {c.Status}",
        Polly.Timeout.TimeoutRejectedException => "timed out",
        Polly.CircuitBreaker.BrokenCircuitException => "too many recent failures; pausing calls for a moment",
        TaskCanceledException or TimeoutException => "timed out",
        _ => $"{ex.GetType().Name}: {FirstLine(ex.Message)}",
    };

    private static string FirstLine(string s) => s.Split('\n', 2)[0].Trim();
}
