using System.Security.Cryptography;
using System.Text;
using Npgsql;
using OpenIddict.Abstractions;

namespace Mem0.Api.Auth.OAuth;

/// <summary>
/// Rotating MEM0_API_KEY ends every connector grant: the key is the owner's proof on the consent page, so grants
/// given with an old key must not outlive it. At start the key is compared with the one the grants were given under
/// (kept as a salted PBKDF2 digest, never the key); when it changed, every grant and token is revoked, and each
/// connector's next call or refresh is refused until the owner consents again with the new key.
/// </summary>
public sealed class OwnerKeyRotation(ApiKey key, NpgsqlDataSource database, OAuthSchemaName schema, IServiceScopeFactory scopes,
    ILogger<OwnerKeyRotation> log) : IHostedService
{
    private const int Iterations = 100_000;

    public async Task StartAsync(CancellationToken ct)
    {
        var table = OAuthTables.OwnerKeyTable(schema);
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var read = new NpgsqlCommand($"select salt, digest from {table} where id = 1 for update", connection, tx))
        await using (var row = await read.ExecuteReaderAsync(ct))
        {
            if (await row.ReadAsync(ct))
            {
                var (salt, digest) = ((byte[])row[0], (byte[])row[1]);
                await row.CloseAsync();
                if (CryptographicOperations.FixedTimeEquals(digest, key.Derive(salt, Iterations)))
                {
                    await tx.CommitAsync(ct);
                    return;
                }
                var revoked = await RevokeEverythingAsync(ct);
                log.LogWarning("MEM0_API_KEY changed: {Count} connector grants revoked; each connector must be authorized again with the new key", revoked);
            }
        }
        var fresh = RandomNumberGenerator.GetBytes(16);
        await using (var write = new NpgsqlCommand(
            $"insert into {table} (id, salt, digest, changed_at) values (1, @salt, @digest, now()) " +
            "on conflict (id) do update set salt = excluded.salt, digest = excluded.digest, changed_at = excluded.changed_at", connection, tx))
        {
            write.Parameters.AddWithValue("salt", fresh);
            write.Parameters.AddWithValue("digest", key.Derive(fresh, Iterations));
            await write.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private async Task<long> RevokeEverythingAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var count = await authorizations.RevokeBySubjectAsync(Authorization.Owner, ct);
        await tokens.RevokeBySubjectAsync(Authorization.Owner, ct);
        return count;
    }
}
