using Microsoft.Extensions.DependencyInjection;

namespace Mem0.Settings.Validation;

/// <summary>The options of the modules every process shares, each with its validator.</summary>
public static class CoreOptions
{
    public static IServiceCollection AddServerOptions(this IServiceCollection services, ServerOptions options) =>
        services.AddModuleOptions<ServerOptions, ServerOptionsValidator>(options);

    public static IServiceCollection AddEventStoreOptions(this IServiceCollection services, EventStoreOptions options) =>
        services.AddModuleOptions<EventStoreOptions, EventStoreOptionsValidator>(options);

    public static IServiceCollection AddBusOptions(this IServiceCollection services, BusOptions options) =>
        services.AddModuleOptions<BusOptions, BusOptionsValidator>(options);

    public static IServiceCollection AddVectorIndexOptions(this IServiceCollection services, VectorIndexOptions options) =>
        services.AddModuleOptions<VectorIndexOptions, VectorIndexOptionsValidator>(options);
}
