namespace Mem0.Settings.Validation;

public sealed class VectorIndexOptionsValidator : ModuleOptionsValidator<VectorIndexOptions>
{
    protected override void Check(VectorIndexOptions s, List<string> problems)
    {
        // Embedded: any roles, each process that reads the index keeps its own copy and follows the event store.
        if (!s.IsQdrant) return;
        // Qdrant is the default outside the local profile; the admin commands need it too, as backups snapshot it.
        const string why = "MEM0_VECTOR_STORE is qdrant (the default; MEM0_PROFILE=local uses the embedded index)";
        Require(problems, s.QdrantHost, "QDRANT_HOST", why);
        Require(problems, s.QdrantApiKey, "QDRANT_API_KEY", why);
    }
}
