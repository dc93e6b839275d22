namespace Mem0.Tests.Integration.Fixtures;

/// <summary>
/// Where the real services are. ops/test.sh starts them and exports these; the defaults are what
/// ops/services.sh starts, so `dotnet test` works after `ops/services.sh start`.
/// </summary>
public static class TestEnvironment
{
    public static string DatabaseUrl =>
        Environment.GetEnvironmentVariable("MEM0_TEST_DATABASE_URL") ?? "postgres://mem0:mem0@127.0.0.1:55432/mem0";

    public static string RabbitMqUrl =>
        Environment.GetEnvironmentVariable("MEM0_TEST_RABBITMQ_URL") ?? "amqp://guest:guest@127.0.0.1:5672/";

    /// <summary>A loopback port nothing listens on right now: for a server to start on, or for a service that is down.</summary>
    public static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>The tests' PostgreSQL, for reading or arranging what a server stored; dispose it after use.</summary>
    public static Npgsql.NpgsqlDataSource Database() =>
        Npgsql.NpgsqlDataSource.Create(Mem0.Projections.Store.DatabaseUrl.ToConnectionString(DatabaseUrl));

    /// <summary>Removes a test server's schema and everything in it.</summary>
    public static async Task DropSchemaAsync(string schema)
    {
        await using var db = Database();
        await using var drop = db.CreateCommand($"drop schema if exists {schema} cascade");
        await drop.ExecuteNonQueryAsync();
    }
}
