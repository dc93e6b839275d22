using OpenIddict.Abstractions;

namespace Mem0.Api.Auth.OAuth;

/// <summary>
/// Every refresh leaves a spent token row behind; spent, expired and revoked tokens and authorizations older than
/// two weeks are deleted hourly, so the tables stay the size of the connectors in use.
/// </summary>
public sealed class TokenPruning(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TokenPruning> log) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(14);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Every, clock);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var threshold = clock.GetUtcNow() - KeepFor;
                var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, ct);
                var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, ct);
                if (tokens + authorizations > 0) log.LogInformation("OAuth pruning removed {Tokens} tokens and {Authorizations} authorizations", tokens, authorizations);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "OAuth token pruning failed; it runs again in an hour");
            }
        }
    }
}
