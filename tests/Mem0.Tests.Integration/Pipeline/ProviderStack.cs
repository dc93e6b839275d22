using Mem0.Tests.Integration.Fixtures;
using Mem0.Tests.Integration.StandIns;

namespace Mem0.Tests.Integration.Pipeline;

/// <summary>
/// The real host with real providers' client libraries pointed at stand-ins: not the local profile. Retries wait
/// 20 ms instead of 500 so the retry tests stay quick; everything else is the production configuration.
/// </summary>
public abstract class ProviderStack : IAsyncLifetime
{
    public const string AnthropicKey = "test-anthropic-key-0d9f";
    public const string OpenAiKey = "test-openai-key-77c1";

    public Mem0Host Host { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;

    protected abstract Dictionary<string, string?> Settings();

    public static Dictionary<string, string?> Common() => new()
    {
        ["MEM0_PROFILE"] = null,
        ["MEM0_VECTOR_STORE"] = "embedded",
        ["PUBLIC_BASE_URL"] = "http://localhost",
        ["MEM0_PROVIDER_RETRY_DELAY_MS"] = "20",
        ["MEM0_PROVIDER_RETRIES"] = "2",
    };

    public async Task InitializeAsync()
    {
        Host = new Mem0Host(null, Settings());
        Api = await Host.ReadyAsync();
    }

    public virtual async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>The guide's production default: Claude for extraction, OpenAI for embeddings.</summary>
public sealed class AnthropicWithOpenAiEmbeddings : ProviderStack
{
    public AnthropicStandIn Anthropic { get; } = new();
    public OpenAiStandIn OpenAi { get; } = new();

    public static Dictionary<string, string?> SettingsFor(AnthropicStandIn anthropic, OpenAiStandIn openAi)
    {
        var s = Common();
        s["MEM0_LLM_PROVIDER"] = "anthropic";
        s["ANTHROPIC_API_KEY"] = AnthropicKey;
        s["ANTHROPIC_BASE_URL"] = anthropic.Url;
        s["MEM0_EMBED_PROVIDER"] = "openai";
        s["OPENAI_API_KEY"] = OpenAiKey;
        s["OPENAI_BASE_URL"] = openAi.Url + "/v1";
        return s;
    }

    protected override Dictionary<string, string?> Settings() => SettingsFor(Anthropic, OpenAi);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Anthropic.Dispose();
        OpenAi.Dispose();
    }
}

public class OpenAiOnly : ProviderStack
{
    public OpenAiStandIn OpenAi { get; } = new();

    /// <summary>OpenAI for the chat model and the embeddings, both at the stand-in.</summary>
    public static Dictionary<string, string?> SettingsFor(OpenAiStandIn openAi)
    {
        var s = Common();
        s["MEM0_LLM_PROVIDER"] = "openai";
        s["MEM0_EMBED_PROVIDER"] = "openai";
        s["OPENAI_API_KEY"] = OpenAiKey;
        s["OPENAI_BASE_URL"] = openAi.Url + "/v1";
        return s;
    }

    protected override Dictionary<string, string?> Settings() => SettingsFor(OpenAi);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        OpenAi.Dispose();
    }
}

/// <summary>OpenAI for both, with the one-call add pipeline (MEM0_PIPELINE=one-call).</summary>
public sealed class OpenAiOneCall : OpenAiOnly
{
    protected override Dictionary<string, string?> Settings()
    {
        var s = base.Settings();
        s["MEM0_PIPELINE"] = "one-call";
        return s;
    }
}

public sealed class OllamaOnly : ProviderStack
{
    public OllamaStandIn Ollama { get; } = new();

    protected override Dictionary<string, string?> Settings()
    {
        var s = Common();
        s["MEM0_LLM_PROVIDER"] = "ollama";
        s["MEM0_EMBED_PROVIDER"] = "ollama";
        s["OLLAMA_BASE_URL"] = Ollama.Url;
        return s;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Ollama.Dispose();
    }
}
