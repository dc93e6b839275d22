using Microsoft.EntityFrameworkCore;

namespace Mem0.Api.Auth.OAuth;

/// <summary>OpenIddict's applications, authorizations and tokens, in the server's own PostgreSQL schema.</summary>
public sealed class OAuthDbContext(DbContextOptions<OAuthDbContext> options, OAuthSchemaName schema) : DbContext(options), ISchemaScopedContext
{
    public string Schema => schema.Value;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(schema.Value);
        modelBuilder.UseOpenIddict();
        base.OnModelCreating(modelBuilder);
    }
}

/// <summary>The schema name, as a service.</summary>
public sealed record OAuthSchemaName(string Value);

/// <summary>A context whose tables live in the server's schema, which differs between servers in one process.</summary>
public interface ISchemaScopedContext
{
    string Schema { get; }
}

/// <summary>
/// EF Core caches one model per context type for the whole process; two servers in one process (the tests) on
/// two schemas would otherwise share the first one's table names.
/// </summary>
public sealed class SchemaModelCacheKeyFactory : Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), (context as ISchemaScopedContext)?.Schema, designTime);
}
