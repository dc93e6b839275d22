using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Mem0.Projections.Store;
using Npgsql;

namespace Mem0.Api.Auth.OAuth;

/// <summary>
/// Creates OpenIddict's tables in the server's schema on first start, under an advisory lock so replicas starting
/// together do not race. Registrations and refresh tokens live here, so connectors survive restarts. The small table
/// of <see cref="OwnerKeyRotation"/> is made here too, under the same lock.
/// </summary>
public sealed class OAuthTables(IServiceScopeFactory scopes, NpgsqlDataSource database, OAuthSchemaName schema, ILogger<OAuthTables> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OAuthDbContext>();
        await using var connection = await database.OpenConnectionAsync(ct);
        var lockKey = AdvisoryLockKeys.For("mem0-oauth-tables", schema.Value);
        await Execute(connection, $"select pg_advisory_lock({lockKey})", ct);
        try
        {
            await Execute(connection, $"create table if not exists {OwnerKeyTable(schema)} " +
                "(id int primary key, salt bytea not null, digest bytea not null, changed_at timestamptz not null)", ct);
            await using var exists = new NpgsqlCommand("select to_regclass(@name) is not null", connection);
            exists.Parameters.AddWithValue("name", $"\"{schema.Value}\".\"OpenIddictApplications\"");
            if ((bool)(await exists.ExecuteScalarAsync(ct))!) return;
            await db.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(ct);
            log.LogInformation("OAuth tables created in schema {Schema}", schema.Value);
        }
        finally
        {
            await Execute(connection, $"select pg_advisory_unlock({lockKey})", CancellationToken.None);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Where the digest of the key the grants were given under is kept (<see cref="OwnerKeyRotation"/>).</summary>
    public static string OwnerKeyTable(OAuthSchemaName schema) => $"\"{schema.Value}\".mem0_oauth_owner_key";

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
