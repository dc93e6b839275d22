using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mem0.Settings;

/// <summary>
/// A module's options in the container, the options pattern's way: <c>IOptions&lt;T&gt;</c> (and <c>T</c> itself)
/// hold the bound record, its <c>IValidateOptions&lt;T&gt;</c> run on first use and at start (ValidateOnStart), and
/// <see cref="OptionsCheck"/> can ask every registered module for its problems before anything starts.
/// </summary>
public static class OptionsRegistration
{
    public static IServiceCollection AddModuleOptions<T, TValidator>(this IServiceCollection services, T value)
        where T : ModuleOptions
        where TValidator : class, IValidateOptions<T>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, TValidator>());
        // The records are immutable, so the factory starts from the bound value instead of `new T()` and setters.
        services.Replace(ServiceDescriptor.Singleton<IOptionsFactory<T>>(sp => new BoundOptionsFactory<T>(value,
            sp.GetServices<IConfigureOptions<T>>(), sp.GetServices<IPostConfigureOptions<T>>(), sp.GetServices<IValidateOptions<T>>())));
        services.AddOptions<T>().ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IModuleOptionsCheck, ModuleOptionsCheck<T>>());
        return services;
    }

    private sealed class BoundOptionsFactory<T>(T value, IEnumerable<IConfigureOptions<T>> setups,
        IEnumerable<IPostConfigureOptions<T>> postConfigures, IEnumerable<IValidateOptions<T>> validations)
        : OptionsFactory<T>(setups, postConfigures, validations) where T : class
    {
        protected override T CreateInstance(string name) => value;
    }
}

/// <summary>One registered module's validation, run on demand.</summary>
public interface IModuleOptionsCheck
{
    IEnumerable<string> Problems(IServiceProvider services);
}

internal sealed class ModuleOptionsCheck<T> : IModuleOptionsCheck where T : ModuleOptions
{
    public IEnumerable<string> Problems(IServiceProvider services)
    {
        try
        {
            _ = services.GetRequiredService<IOptionsMonitor<T>>().Get(Options.DefaultName);
            return [];
        }
        catch (OptionsValidationException ex)
        {
            return ex.Failures;
        }
    }
}

/// <summary>
/// The one validation path: the server before it builds anything, and the admin commands before they touch the
/// store, register the modules they use and ask each for its problems here. Every problem names its variable.
/// </summary>
public static class OptionsCheck
{
    public static IReadOnlyList<string> Problems(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        register(services);
        using var provider = services.BuildServiceProvider();
        return Problems(provider);
    }

    public static IReadOnlyList<string> Problems(IServiceProvider services) =>
        services.GetServices<IModuleOptionsCheck>().SelectMany(c => c.Problems(services)).ToList();
}
