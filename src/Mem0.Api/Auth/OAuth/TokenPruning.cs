using System.Text.Json;
using OpenIddict.Abstractions;

namespace Mem0.Api.Auth.OAuth;

/// <summary>
/// Keeps the OAuth tables the size of the connectors in use, hourly: spent, expired and revoked tokens and
/// authorizations older than two weeks are deleted (every refresh leaves a spent row); a client registration that
/// never completed a consent is deleted after a day, and one no token was issued to for 90 days is deleted with its
/// grants (registration is open to anyone, so abandoned registrations must not pile up).
/// </summary>
public sealed class TokenPruning(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TokenPruning> log) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(14);
    public static readonly TimeSpan NeverConnected = TimeSpan.FromDays(1);
    public static readonly TimeSpan Unused = TimeSpan.FromDays(90);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Every, clock);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                await RunOnceAsync(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "OAuth pruning failed; it runs again in an hour");
            }
        }
    }

    /// <summary>One pass; returns the registrations deleted.</summary>
    public async Task<long> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var now = clock.GetUtcNow();
        var tokens = await services.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(now - KeepFor, ct);
        var authorizations = await services.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(now - KeepFor, ct);
        var registrations = await PruneRegistrationsAsync(services, now, ct);
        if (tokens + authorizations + registrations > 0)
        {
            log.LogInformation("OAuth pruning removed {Tokens} tokens, {Authorizations} authorizations and {Registrations} client registrations",
                tokens, authorizations, registrations);
        }
        return registrations;
    }

    private static async Task<long> PruneRegistrationsAsync(IServiceProvider services, DateTimeOffset now, CancellationToken ct)
    {
        var applications = services.GetRequiredService<IOpenIddictApplicationManager>();
        var authorizations = services.GetRequiredService<IOpenIddictAuthorizationManager>();
        var tokens = services.GetRequiredService<IOpenIddictTokenManager>();
        long deleted = 0;
        var expiredIds = new List<string>();
        foreach (var application in await OAuthRows.AllAsync(applications.ListAsync(count: null, offset: null, ct)))
        {
            var id = (await applications.GetIdAsync(application, ct))!;
            var properties = await applications.GetPropertiesAsync(application, ct);
            var lastUse = await LastUseAsync(authorizations, tokens, id, ct);
            if (!properties.TryGetValue(ClientRegistration.RegisteredAtProperty, out var stamp))
            {
                // Registered before registrations were dated: dated now, so the rules apply from here on.
                var dated = properties.SetItem(ClientRegistration.RegisteredAtProperty, JsonSerializer.SerializeToElement(now.ToUnixTimeSeconds()));
                var descriptor = new OpenIddictApplicationDescriptor();
                await applications.PopulateAsync(descriptor, application, ct);
                foreach (var (key, value) in dated) descriptor.Properties[key] = value;
                await applications.UpdateAsync(application, descriptor, ct);
                continue;
            }
            var registered = DateTimeOffset.FromUnixTimeSeconds(stamp.GetInt64());
            var expired = lastUse is null ? now - registered > NeverConnected : now - lastUse > Unused;
            if (!expired) continue;
            expiredIds.Add(id);
        }
        // Deleted from a fresh context, which has not tracked the rows this pass read (OpenIddict's store deletes a
        // registration's grants and tokens with it, and would otherwise see them as changed under it).
        foreach (var id in expiredIds)
        {
            await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            var fresh = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            if (await fresh.FindByIdAsync(id, ct) is not { } application) continue;
            await fresh.DeleteAsync(application, ct);
            deleted++;
        }
        return deleted;
    }

    /// <summary>When a consent or a refresh last gave this client something, or null if it never connected.</summary>
    private static async Task<DateTimeOffset?> LastUseAsync(IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens, string id,
        CancellationToken ct) =>
        await OAuthRows.LatestAsync(tokens.FindByApplicationIdAsync(id, ct), t => tokens.GetCreationDateAsync(t, ct))
        ?? await OAuthRows.LatestAsync(authorizations.FindByApplicationIdAsync(id, ct), a => authorizations.GetCreationDateAsync(a, ct));
}
