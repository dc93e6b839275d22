namespace Mem0.Settings.Validation;

public sealed class EventStoreOptionsValidator : ModuleOptionsValidator<EventStoreOptions>
{
    protected override void Check(EventStoreOptions s, List<string> problems) =>
        Require(problems, s.DatabaseUrl, "MEM0_DATABASE_URL",
            "the PostgreSQL event store, as postgres://user:pass@host:port/db (for the local profile: eval \"$(ops/services.sh env)\")");
}
