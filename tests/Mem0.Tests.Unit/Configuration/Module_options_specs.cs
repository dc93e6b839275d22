using Mem0.Api.Configuration;
using Mem0.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mem0.Tests.Unit.Configuration;

/// <summary>Each module's options in the container, the options pattern's way, and the one path that validates them.</summary>
public sealed class Module_options_specs
{
    private static Mem0Settings Load(params (string Key, string Value)[] values) =>
        Mem0Settings.Load(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build());

    private static readonly (string, string)[] LocalBasics =
        [("MEM0_PROFILE", "local"), ("MEM0_DATABASE_URL", "postgres://a:b@h/db"), ("MEM0_API_KEY", "k-0123456789abcdef0123456789abcdef"), ("MEM0_DEFAULT_USER_ID", "u")];

    [Fact]
    public void Each_module_gets_its_own_options_as_IOptions_and_as_itself()
    {
        var settings = Load([.. LocalBasics, ("MEM0_BUS_PREFIX", "specs"), ("DIGEST_WINDOW_DAYS", "7")]);
        using var provider = new ServiceCollection().AddMem0Options(settings).BuildServiceProvider();

        Assert.Equal("specs", provider.GetRequiredService<IOptions<BusOptions>>().Value.BusPrefix);
        Assert.Same(provider.GetRequiredService<IOptions<BusOptions>>().Value, provider.GetRequiredService<BusOptions>());
        Assert.Equal(7, provider.GetRequiredService<DigestOptions>().DigestWindowDays);
        Assert.Equal(VectorStoreKind.Embedded, provider.GetRequiredService<VectorIndexOptions>().VectorStore);
        Assert.True(provider.GetRequiredService<ServerOptions>().Runs(ServerRole.Scheduler));
    }

    [Fact]
    public void A_module_whose_options_are_bad_fails_on_first_use_naming_the_variable()
    {
        using var provider = new ServiceCollection().AddMem0Options(Load([.. LocalBasics, ("RETENTION_DAYS", "0")])).BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<BackupOptions>());
        Assert.Equal(["RETENTION_DAYS must be at least 1."], ex.Failures);
        Assert.NotNull(provider.GetRequiredService<DigestOptions>());
    }

    [Fact]
    public async Task A_host_with_a_bad_value_does_not_start_its_services_ValidateOnStart()
    {
        var started = false;
        using var host = new HostBuilder().ConfigureServices(s =>
        {
            s.AddMem0Options(Load([.. LocalBasics, ("MEM0_BUS_TIMEOUT_SECONDS", "0")]));
            s.AddHostedService(_ => new Marker(() => started = true));
        }).Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("MEM0_BUS_TIMEOUT_SECONDS must be greater than 0.", ex.Failures);
        Assert.False(started);
    }

    [Fact]
    public void Problems_come_from_every_module_at_once()
    {
        var problems = Mem0Options.Problems(Load(("MEM0_PROFILE", "local"), ("RETENTION_DAYS", "0"), ("MEM0_ROLES", "api,janitor"), ("QDRANT_PORT", "x")));

        Assert.Contains("MEM0_DATABASE_URL is required: the PostgreSQL event store, as postgres://user:pass@host:port/db " +
                        "(for the local profile: eval \"$(ops/services.sh env)\").", problems);
        Assert.Contains("RETENTION_DAYS must be at least 1.", problems);
        Assert.Contains("MEM0_ROLES has an unknown role 'janitor' (known: api, extractor, scheduler).", problems);
        Assert.Contains("QDRANT_PORT must be a non-negative whole number (got 'x').", problems);
        Assert.Contains(problems, p => p.StartsWith("MEM0_API_KEY is required"));
    }

    [Theory]
    [InlineData("OpenAI", LlmProvider.OpenAi)]
    [InlineData("ollama", LlmProvider.Ollama)]
    [InlineData(" LOCAL ", LlmProvider.Local)]
    public void Modes_are_read_once_into_enums_in_any_case(string value, LlmProvider expected) =>
        Assert.Equal(expected, Load([.. LocalBasics, ("MEM0_LLM_PROVIDER", value)]).Ai.LlmProvider);

    [Theory]
    [InlineData(null, AddPipeline.TwoCall)]
    [InlineData("one-call", AddPipeline.OneCall)]
    [InlineData("Two-Call", AddPipeline.TwoCall)]
    public void The_add_pipeline_is_two_call_unless_one_call_is_asked_for(string? value, AddPipeline expected) =>
        Assert.Equal(expected, Load(value is null ? LocalBasics : [.. LocalBasics, ("MEM0_PIPELINE", value)]).Ai.Pipeline);

    [Theory]
    [InlineData("warn", Microsoft.Extensions.Logging.LogLevel.Warning)]
    [InlineData("DEBUG", Microsoft.Extensions.Logging.LogLevel.Debug)]
    [InlineData("critical", Microsoft.Extensions.Logging.LogLevel.Critical)]
    public void The_guides_log_level_names_become_log_levels(string value, Microsoft.Extensions.Logging.LogLevel expected) =>
        Assert.Equal(expected, Load([.. LocalBasics, ("LOG_LEVEL", value)]).Server.LogLevel);

    [Theory]
    [InlineData("MEM0_LLM_PROVIDER", "1", "MEM0_LLM_PROVIDER must be anthropic, openai, ollama or local (got '1').")]
    [InlineData("MEM0_EMBED_PROVIDER", "cohere", "MEM0_EMBED_PROVIDER must be openai, ollama or local (got 'cohere').")]
    [InlineData("MEM0_VECTOR_STORE", "pgvector", "MEM0_VECTOR_STORE must be qdrant or embedded (got 'pgvector').")]
    [InlineData("MEM0_LOCAL_FACTS", "words", "MEM0_LOCAL_FACTS must be sentences or turns (got 'words').")]
    [InlineData("LOG_LEVEL", "loud", "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL (got 'loud').")]
    [InlineData("MEM0_PIPELINE", "onecall", "MEM0_PIPELINE must be two-call or one-call (got 'onecall').")]
    public void An_unknown_mode_is_one_problem_naming_the_choices(string key, string value, string expected)
    {
        var problems = Mem0Options.Problems(Load([.. LocalBasics, (key, value)]));

        // One problem: the unknown provider is not also asked for a key it would need.
        Assert.Equal([expected], problems);
    }

    private sealed class Marker(Action onStart) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            onStart();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
