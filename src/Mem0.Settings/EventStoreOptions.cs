namespace Mem0.Settings;

/// <summary>The PostgreSQL event store: where it is and the schema its tables live in.</summary>
public sealed record EventStoreOptions : ModuleOptions
{
    public string? DatabaseUrl { get; init; }
    public string DatabaseSchema { get; init; } = "mem0";

    public static EventStoreOptions Read(SettingsReader r)
    {
        var start = r.ProblemCount;
        return new EventStoreOptions
        {
            DatabaseUrl = r.Str("MEM0_DATABASE_URL"),
            DatabaseSchema = r.Str("MEM0_DATABASE_SCHEMA") ?? new EventStoreOptions().DatabaseSchema,
            ParseErrors = r.ProblemsSince(start),
        };
    }
}
