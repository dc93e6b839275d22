using Mem0.Projections.Store;
using System.Data.Common;
using DbCommandBuilder = Weasel.Core.DbCommandBuilder;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Core.Migrations;

namespace Mem0.Projections.Memories.Ranking;

/// <summary>
/// `mem0_memory_terms`: one narrow row per memory view with its words as a stored `tsvector` (English stemming, stop
/// words dropped), its length and the filter fields as plain columns, so relevance ranking reads neither JSON nor
/// re-parses text. A trigger on the view table keeps it in step inside the writing transaction, whoever writes (the
/// inline projection, a restore's COPY, a truncate), and the table is refilled from the views when created or when
/// <see cref="Version"/> changes. An index of our own rather than a column on Marten's table: Marten drops columns it
/// did not declare, and an expression index cannot give the ranker each text's term counts without re-parsing it.
/// </summary>
public sealed class MemoryTermsTable(string schema) : ISchemaObject
{
    public const string Name = "mem0_memory_terms";

    /// <summary>Bumped whenever the DDL below changes: a store at another version is rebuilt from its views at start.</summary>
    public const string Version = "mem0 memory terms v2";

    /// <summary>The text search configuration of the stored terms and of queries: both sides must stem alike.</summary>
    public const string Language = "english";

    private const string Trigger = "mem0_memory_terms_sync";

    /// <summary>
    /// The words of a text as the ranker weighs them, as SQL: English words, plus each identifier whole (a token with a
    /// digit joined by `-`, `_`, `.`, `/` or `:`), because PostgreSQL's parser reads "K7Q-2291" as "k7q" and "-2291"
    /// and so cannot tell it from "K7O-2291". Identifiers carry no positions; the ranker counts them once.
    /// </summary>
    public static string Terms(string schema, string text) => $"to_tsvector('{Language}'::regconfig, {text}) || {schema}.mem0_identifiers({text})";

    public DbObjectName Identifier => PostgresqlProvider.Instance.Parse(schema, Name);

    public IEnumerable<DbObjectName> AllNames() => [Identifier, PostgresqlProvider.Instance.Parse(schema, Trigger)];

    public void ConfigureQueryCommand(DbCommandBuilder builder) =>
        builder.Append(
            "select d.description from pg_trigger t join pg_description d on d.objoid = t.oid and d.classoid = 'pg_trigger'::regclass " +
            $"where t.tgname = '{Trigger}' and t.tgrelid = to_regclass('{schema}.{MartenTables.Views}');");

    public async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct)
    {
        var found = await reader.ReadAsync(ct) ? reader.GetString(0) : null;
        var difference = found is null ? SchemaPatchDifference.Create
            : found == Version ? SchemaPatchDifference.None : SchemaPatchDifference.Update;
        return new SchemaObjectDelta(this, difference);
    }

    public void WriteCreateStatement(Migrator migrator, TextWriter writer) => writer.WriteLine(Ddl());

    public void WriteDropStatement(Migrator migrator, TextWriter writer)
    {
        writer.WriteLine($"drop trigger if exists {Trigger} on {schema}.{MartenTables.Views};");
        writer.WriteLine($"drop trigger if exists {Trigger}_truncate on {schema}.{MartenTables.Views};");
        writer.WriteLine($"drop table if exists {schema}.{Name};");
    }

    /// <summary>
    /// The whole object from scratch (a version change drops the old table): the table and its indexes, the row and
    /// truncate triggers, then every existing view copied in. The filter columns mirror `VectorFilter`.
    /// </summary>
    private string Ddl()
    {
        var table = $"{schema}.{Name}";
        var views = $"{schema}.{MartenTables.Views}";
        const string columns = "id, user_id, agent_id, run_id, source, confidence, review_status, expires_at, updated_at, length, terms";
        string Values(string row) =>
            $"{row}.id, {row}.data ->> 'UserId', {row}.data ->> 'AgentId', {row}.data ->> 'RunId', {row}.data ->> 'Source', " +
            $"{row}.data ->> 'Confidence', {row}.data ->> 'ReviewStatus', ({row}.data ->> 'ExpiresAt')::timestamptz, " +
            $"({row}.data ->> 'UpdatedAt')::timestamptz, length({row}.data ->> 'Text'), {Terms(schema, $"{row}.data ->> 'Text'")}";
        return $"""
            drop trigger if exists {Trigger} on {views};
            drop trigger if exists {Trigger}_truncate on {views};
            drop table if exists {table};
            create table {table} (
              id uuid primary key, user_id text not null, agent_id text, run_id text, source text, confidence text, review_status text,
              expires_at timestamptz, updated_at timestamptz not null, length int not null, terms tsvector not null);
            create index {Name}_terms on {table} using gin (terms);
            create index {Name}_user on {table} (user_id, updated_at);
            create or replace function {schema}.mem0_identifiers(value text) returns tsvector language sql immutable parallel safe strict as $$
              select array_to_tsvector(coalesce(array_agg(distinct m[1]), array[]::text[]))
              from regexp_matches(lower(value), '([[:alnum:]]+(?:[-_./:][[:alnum:]]+)+)', 'g') m where m[1] ~ '[0-9]'
            $$;
            create or replace function {schema}.{Trigger}() returns trigger language plpgsql as $$
            begin
              if tg_op = 'TRUNCATE' then truncate {table}; return null; end if;
              if tg_op = 'DELETE' then delete from {table} where id = old.id; return null; end if;
              insert into {table} ({columns}) values ({Values("new")})
              on conflict (id) do update set user_id = excluded.user_id, agent_id = excluded.agent_id, run_id = excluded.run_id,
                source = excluded.source, confidence = excluded.confidence, review_status = excluded.review_status,
                expires_at = excluded.expires_at, updated_at = excluded.updated_at, length = excluded.length, terms = excluded.terms;
              return null;
            end $$;
            create trigger {Trigger} after insert or update or delete on {views} for each row execute function {schema}.{Trigger}();
            create trigger {Trigger}_truncate after truncate on {views} for each statement execute function {schema}.{Trigger}();
            comment on trigger {Trigger} on {views} is '{Version}';
            insert into {table} ({columns}) select {Values("v")} from {views} v;
            analyze {table};
            """;
    }
}
