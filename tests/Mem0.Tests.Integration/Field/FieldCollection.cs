namespace Mem0.Tests.Integration.Field;

/// <summary>
/// The classes that use the rehearsal's topology share one: nginx binds 127.0.0.1:443, so two topologies cannot run at
/// once, and one start (seven processes) serves them all. The classes of a collection run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FieldCollection : ICollectionFixture<FieldTopology>
{
    public const string Name = "field topology";
}
