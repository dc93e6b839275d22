using Weasel.Core;
using Weasel.Core.Migrations;

namespace Mem0.Projections.Memories.Ranking;

/// <summary>
/// Registers <see cref="MemoryTermsTable"/> as a Marten storage feature that depends on the view document, so it is
/// created after the view table it hangs its trigger on (extended schema objects are created before documents).
/// </summary>
public sealed class MemoryTermsFeature(string schema, Migrator migrator) : FeatureSchemaBase("mem0_memory_terms", migrator)
{
    public override IEnumerable<Type> DependentTypes() => [typeof(MemoryView)];

    protected override IEnumerable<ISchemaObject> schemaObjects() => [new MemoryTermsTable(schema)];
}
