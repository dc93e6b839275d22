using System.Diagnostics;
using Mem0.Tests.Integration.Field;
using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Faults;

/// <summary>
/// The production topology of the rehearsal (<see cref="FieldTopology"/>: nginx, two api processes, two extractors, a
/// scheduler) on a PostgreSQL cluster and a RabbitMQ node of its own, started by ops/services.sh on ports nothing else
/// uses, so the fault suite can stop and restart them mid-load without touching any other test's services.
/// </summary>
public sealed class FaultTopology : FieldTopology
{
    private const int PgPort = 55433;
    private const int RabbitPort = 5674;

    private static readonly Dictionary<string, string> Services = new()
    {
        ["MEM0_PG_PORT"] = PgPort.ToString(),
        ["MEM0_PG_DATA"] = "/var/lib/mem0-dev/postgres-fault",
        ["MEM0_PG_FSYNC"] = "off",
        ["MEM0_RABBIT_PORT"] = RabbitPort.ToString(),
        ["MEM0_RABBIT_NODE"] = "mem0-fault@localhost",
        ["MEM0_RABBIT_DATA"] = "/var/lib/mem0-dev/rabbitmq-fault",
    };

    protected override string DatabaseUrl => $"postgres://mem0:mem0@127.0.0.1:{PgPort}/mem0";
    protected override string RabbitMqUrl => $"amqp://guest:guest@127.0.0.1:{RabbitPort}/";

    /// <summary>The suite's own PostgreSQL, for reading what the processes stored; dispose it after use.</summary>
    public Npgsql.NpgsqlDataSource Database() => Npgsql.NpgsqlDataSource.Create(Mem0.Projections.Store.DatabaseUrl.ToConnectionString(DatabaseUrl));

    protected override async Task BeforeStartAsync()
    {
        await ServicesAsync("start", "postgres");
        await ServicesAsync("stop", "rabbitmq");
        await ServicesAsync("start", "rabbitmq");
    }

    protected override async Task AfterStopAsync()
    {
        await ServicesAsync("stop", "rabbitmq");
        await ServicesAsync("stop", "postgres");
    }

    protected override async Task DropSchemaAsync(string schema)
    {
        await using var db = Database();
        await using var drop = db.CreateCommand($"drop schema if exists {schema} cascade");
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>The broker stopped as an operator stops it; it keeps its durable queues and messages for the restart.</summary>
    public Task StopBrokerAsync() => ServicesAsync("stop", "rabbitmq");

    public Task StartBrokerAsync() => ServicesAsync("start", "rabbitmq", keepData: true);

    /// <summary>`pg_ctl restart -m fast`: every connection is cut, the cluster is back a moment later.</summary>
    public async Task RestartDatabaseAsync()
    {
        await ServicesAsync("stop", "postgres");
        await ServicesAsync("start", "postgres");
    }

    private static async Task ServicesAsync(string command, string service, bool keepData = false)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot(), "ops", "services.sh"), command, service])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var (k, v) in Services) start.Environment[k] = v;
        if (keepData) start.Environment["MEM0_RABBIT_KEEP_DATA"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"ops/services.sh {command} {service} failed: {await output}");
    }

    /// <summary>
    /// How many memory events each command appended, by Marten's causation id (the command id), for the exactly-once
    /// checks; the source each add records beside them is not counted.
    /// </summary>
    public async Task<Dictionary<string, long>> EventsPerCommandAsync()
    {
        await using var db = Database();
        await using var query = db.CreateCommand($"select causation_id, count(*) from {Schema}.mt_events where causation_id is not null and type like 'memory\\_%' group by 1");
        var counts = new Dictionary<string, long>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    /// <summary>The command id that appended each memory's first event.</summary>
    public async Task<Dictionary<Guid, string>> CommandOfEachMemoryAsync()
    {
        await using var db = Database();
        await using var query = db.CreateCommand($"select stream_id, causation_id from {Schema}.mt_events where version = 1");
        var commands = new Dictionary<Guid, string>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync()) commands[reader.GetGuid(0)] = reader.IsDBNull(1) ? "" : reader.GetString(1);
        return commands;
    }
}
