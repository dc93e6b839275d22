using Mem0.Tests.Integration.Fixtures;

namespace Mem0.Tests.Integration.Memories;

/// <summary>
/// The memory, search, MCP, restore and fault suites run twice in ops/test.sh, the second time with
/// MEM0_TEST_VECTOR_STORE=qdrant; this proves each pass runs where it says (a pass that fell back to the embedded
/// index would otherwise pass unnoticed), and that a Qdrant host's points are really in Qdrant.
/// </summary>
public sealed class Running_on_the_pass_s_vector_store(SharedHost host) : IClassFixture<SharedHost>
{
    [Fact]
    public async Task The_host_searches_the_store_the_pass_names()
    {
        var api = await host.ReadyAsync();
        await api.AddOne("Gwendolyn keeps bees behind the old mill.");
        var health = (await api.GetJson("/healthz?deep=1")).Body;
        if (TestVectorStore.IsQdrant)
        {
            Assert.Equal($"qdrant:{TestVectorStore.CollectionFor(host.Schema)}", health.GetProperty("vector_store").GetString());
            Assert.Equal("reachable", health.GetProperty("qdrant").GetString());
            if (Qdrant.QdrantTarget.LiveUrl is null)
            {
                Assert.Equal(1, Qdrant.QdrantTarget.SharedStandIn.Store.Resolve(TestVectorStore.CollectionFor(host.Schema)).Read(points => points.Count));
            }
        }
        else
        {
            Assert.Equal("embedded", health.GetProperty("vector_store").GetString());
            Assert.False(health.TryGetProperty("qdrant", out _));
        }
        Assert.Equal(["Gwendolyn keeps bees behind the old mill."], await api.SearchTexts("who keeps bees?", 1));
    }
}
