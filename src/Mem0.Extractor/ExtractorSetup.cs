using Mem0.Contracts.Commands;
using Marten;
using MassTransit;
using Mem0.Extractor.Ai;
using Mem0.Extractor.Decisions;
using Mem0.Extractor.Embeddings;
using Mem0.Extractor.Facts;
using Mem0.Extractor.Memories;
using Mem0.Extractor.Memories.Add;
using Mem0.Extractor.Memories.Delete;
using Mem0.Extractor.Memories.DeleteBulk;
using Mem0.Extractor.Memories.Update;
using Mem0.Settings;
using Mem0.Projections.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Mem0.Extractor;

public static class ExtractorSetup
{
    /// <summary>The embedder, needed by every role: the extractor embeds facts, the API embeds search queries.</summary>
    public static IServiceCollection AddMem0Embeddings(this IServiceCollection services, AiOptions settings)
    {
        services.AddModuleOptions<AiOptions, AiOptionsValidator>(settings);
        services.AddMem0AiProviders(settings);
        if (settings.EmbedProvider == EmbedProvider.Local)
        {
            services.AddSingleton<IEmbeddingProvider>(_ => new LocalEmbeddingProvider(settings.EmbedModel));
        }
        else
        {
            services.AddSingleton<IEmbeddingProvider>(sp => new GeneratorEmbeddingProvider(
                sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), settings.EmbedProviderName, settings.EmbedModel, settings.EmbedDims));
        }
        // The store is resolved on first use: it is built with the index projector, which needs this embedder.
        services.AddSingleton<IEmbedder>(sp => new CachingEmbedder(sp.GetRequiredService<IEmbeddingProvider>(), sp.GetRequiredService<IDocumentStore>, settings.EmbedProviderName));
        services.AddHostedService<EmbeddingDimensionCheck>();
        return services;
    }

    /// <summary>The add pipeline: the local parts, or the configured chat model with mem0's prompts.</summary>
    public static IServiceCollection AddMem0Extractor(this IServiceCollection services, AiOptions settings)
    {
        if (settings.LlmProvider == LlmProvider.Local)
        {
            services.AddSingleton<IFactExtractor, LocalFactExtractor>();
            services.AddSingleton<IUpdateDecider, LocalUpdateDecider>();
        }
        else
        {
            services.AddSingleton<PromptLibrary>();
            services.AddSingleton<JsonAsk>();
            services.AddSingleton<IFactExtractor, LlmFactExtractor>();
            services.AddSingleton<IUpdateDecider, LlmUpdateDecider>();
            if (settings.Pipeline == AddPipeline.OneCall) services.AddSingleton<OneCallDecider>();
        }
        services.AddSingleton<AddPlanner>().AddSingleton<AddExecutor>();
        return services;
    }

    public static void AddMem0Consumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<AddMemoryConsumer, AddMemoryConsumerDefinition>();
        bus.AddConsumer<AddMemoriesConsumer, AddMemoriesConsumerDefinition>();
        bus.AddConsumer<UpdateMemoryConsumer, RetriedOnConflict<UpdateMemoryConsumer>>();
        bus.AddConsumer<DeleteMemoryConsumer, RetriedOnConflict<DeleteMemoryConsumer>>();
        bus.AddConsumer<DeleteMemoriesConsumer>();
        bus.AddConsumer<Memories.Rewind.RewindConsumer, RetriedOnConflict<Memories.Rewind.RewindConsumer>>();
        bus.AddConsumer<Memories.Review.ReviewMemoriesConsumer, RetriedOnConflict<Memories.Review.ReviewMemoriesConsumer>>();
        bus.AddConsumer<Health.PingConsumer>();
    }

    /// <summary>
    /// One queue per command. A command that still fails after its consumer's retries is answered at once with a
    /// <see cref="Contracts.Replies.CommandFailed"/> (<see cref="ReplyOnFailureFilter{T}"/>) and never kept: it holds
    /// the user's text, which must not outlive deletes and backups in a `_error` queue.
    /// </summary>
    public static void ConfigureMem0Endpoints(this IReceiveConfigurator cfg, IBusRegistrationContext context, string prefix)
    {
        void Endpoint<T>(string queue) where T : class, IConsumer => cfg.ReceiveEndpoint(queue, e =>
        {
            e.DiscardFaultedMessages();
            // Outside the consumer's own retry policy, so it sees only what the retries could not mend.
            e.UseConsumeFilter(typeof(ReplyOnFailureFilter<>), context);
            e.ConfigureConsumer<T>(context);
        });
        Endpoint<AddMemoryConsumer>(CommandQueues.AddMemory(prefix));
        Endpoint<AddMemoriesConsumer>(CommandQueues.AddMemories(prefix));
        Endpoint<UpdateMemoryConsumer>(CommandQueues.UpdateMemory(prefix));
        Endpoint<DeleteMemoryConsumer>(CommandQueues.DeleteMemory(prefix));
        Endpoint<Health.PingConsumer>(CommandQueues.Ping(prefix));
        Endpoint<DeleteMemoriesConsumer>(CommandQueues.DeleteMemories(prefix));
        Endpoint<Memories.Rewind.RewindConsumer>(CommandQueues.Rewind(prefix));
        Endpoint<Memories.Review.ReviewMemoriesConsumer>(CommandQueues.ReviewMemories(prefix));
    }
}
