using Mem0.Projections.Vectors.Qdrant;

namespace Mem0.Tests.Unit.Vectors;

/// <summary>Qdrant's rule for its clients: same major version, minor versions at most one apart.</summary>
public sealed class Qdrant_version_specs
{
    [Theory]
    [InlineData("1.20.0", null)]
    [InlineData("1.21.3", null)]
    [InlineData("v1.19.1", null)]
    [InlineData("1.18.0", "Qdrant 1.18.0 is more than one minor version from the client's 1.20 line")]
    [InlineData("1.22.0-rc1", "Qdrant 1.22.0-rc1 is more than one minor version")]
    [InlineData("2.0.0", "Qdrant 2.0.0 is more than one minor version")]
    [InlineData("dev", null)]
    public void A_server_more_than_one_minor_away_is_a_mismatch(string server, string? expected)
    {
        var problem = QdrantVersions.Mismatch(server, new Version(1, 20, 0));
        if (expected is null) Assert.Null(problem);
        else Assert.StartsWith(expected, problem);
    }

    [Fact]
    public void The_client_version_is_the_package_s_not_the_pinned_assembly_version() =>
        Assert.NotEqual(new Version(1, 0, 0, 0), QdrantVersions.Client);
}
