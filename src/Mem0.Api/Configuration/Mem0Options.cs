using Mem0.Extractor.Ai;
using Mem0.Scheduler.Options;
using Mem0.Settings;
using Mem0.Settings.Validation;

namespace Mem0.Api.Configuration;

/// <summary>
/// Every module's options with its validator: registered in the server's container (validated again at start), and
/// checked on their own before anything is built, so a bad setting stops start-up with exit code 2 and a message
/// that names the variable. All modules are checked whatever the roles, as one configuration serves every process.
/// </summary>
public static class Mem0Options
{
    public static IServiceCollection AddMem0Options(this IServiceCollection services, Mem0Settings settings) => services
        .AddServerOptions(settings.Server)
        .AddEventStoreOptions(settings.Store)
        .AddBusOptions(settings.Bus)
        .AddVectorIndexOptions(settings.Vectors)
        .AddModuleOptions<AiOptions, AiOptionsValidator>(settings.Ai)
        .AddModuleOptions<AuthOptions, AuthOptionsValidator>(settings.Auth)
        .AddBackupOptions(settings.Backups)
        .AddDigestOptions(settings.Digest);

    public static IReadOnlyList<string> Problems(Mem0Settings settings) => OptionsCheck.Problems(s => s.AddMem0Options(settings));
}
