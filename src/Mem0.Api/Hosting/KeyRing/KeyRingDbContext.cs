using Mem0.Api.Auth.OAuth;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Mem0.Api.Hosting.KeyRing;

/// <summary>
/// ASP.NET Core's data protection keys (what seals the console's and the jobs dashboard's session cookies and their
/// antiforgery tokens), in the server's own schema: every replica reads the same ring, and a restart or a new
/// container keeps everyone signed in. Without it each process made its own keys, so behind a load balancer a cookie
/// set by one replica was refused by the next.
/// </summary>
public sealed class KeyRingDbContext(DbContextOptions<KeyRingDbContext> options, Mem0.Settings.EventStoreOptions store)
    : DbContext(options), IDataProtectionKeyContext, ISchemaScopedContext
{
    public const string Table = "mem0_data_protection_keys";

    public string Schema => store.DatabaseSchema;

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<DataProtectionKey>().ToTable(Table);
        base.OnModelCreating(modelBuilder);
    }
}
