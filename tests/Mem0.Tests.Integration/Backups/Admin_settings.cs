using Mem0.Cli.Admin;
using Mem0.Settings;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Backups;

/// <summary>The admin commands read the server's variables, and after `ops/run-local.sh` they find them in the checkout.</summary>
public sealed class Admin_settings
{
    [Fact]
    public void The_admin_commands_name_a_missing_variable_instead_of_failing_later()
    {
        var error = new StringWriter();

        var settings = AdminServices.LoadSettings(error, new Dictionary<string, string?>
        {
            ["MEM0_PROFILE"] = "", ["MEM0_VECTOR_STORE"] = "", ["QDRANT_HOST"] = "", ["MEM0_DATABASE_URL"] = TestEnvironment.DatabaseUrl, ["RETENTION_DAYS"] = "0",
        });

        Assert.Null(settings);
        Assert.Contains("mem0: QDRANT_HOST is required: MEM0_VECTOR_STORE is qdrant (the default;", error.ToString());
        Assert.Contains("MEM0_PROFILE=local", error.ToString());
        Assert.Contains("mem0: RETENTION_DAYS must be at least 1.", error.ToString());
    }

    [Fact]
    public void The_local_servers_settings_file_is_read_under_the_commands_own_options()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("mem0-env-").FullName, "server.env");
        File.WriteAllLines(file, ["# written by ops/run-local.sh", "MEM0_PROFILE=local", $"MEM0_DATABASE_URL={TestEnvironment.DatabaseUrl}",
            "MEM0_DATABASE_SCHEMA=from_file", "BACKUP_DIR=/srv/backups"]);
        var error = new StringWriter();

        var settings = AdminServices.LoadSettings(error, new Dictionary<string, string?> { ["BACKUP_DIR"] = "/tmp/given" }, localEnvFile: file);

        Assert.True(settings is not null, error.ToString());
        Assert.True(settings.Server.IsLocalProfile);
        Assert.Equal((VectorStoreKind.Embedded, "from_file", "/tmp/given"), (settings.Vectors.VectorStore, settings.Store.DatabaseSchema, settings.Backups.BackupDir));
    }
}
