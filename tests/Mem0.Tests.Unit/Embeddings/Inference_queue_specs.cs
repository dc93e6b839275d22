using Mem0.Extractor.Embeddings;

namespace Mem0.Tests.Unit.Embeddings;

/// <summary>Concurrent embedding calls share inferences, each getting its own vectors back, in order.</summary>
public sealed class Inference_queue_specs
{
    private static float[][] Lengths(IReadOnlyList<string> texts) => texts.Select(t => new float[] { t.Length }).ToArray();

    [Fact]
    public async Task A_call_on_an_idle_model_runs_at_once_and_alone()
    {
        var rounds = new List<int>();
        var queue = new InferenceQueue(texts => { rounds.Add(texts.Count); return Lengths(texts); });

        var vectors = await queue.RunAsync(["ab", "abcd"]);

        Assert.Equal([2f, 4f], vectors.Select(v => v[0]));
        Assert.Equal([2], rounds);
    }

    [Fact]
    public async Task Calls_that_arrive_while_the_model_runs_run_together_next_and_each_gets_its_own_vectors()
    {
        using var firstStarted = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var rounds = new List<int>();
        var queue = new InferenceQueue(texts =>
        {
            lock (rounds) rounds.Add(texts.Count);
            if (!firstStarted.IsSet)
            {
                firstStarted.Set();
                release.Wait(TimeSpan.FromSeconds(10));
            }
            return Lengths(texts);
        });

        var first = Task.Run(() => queue.RunAsync(["a"]));
        Assert.True(firstStarted.Wait(TimeSpan.FromSeconds(10)));
        var waiting = new[] { queue.RunAsync(["bb", "ccc"]), queue.RunAsync(["dddd"]), queue.RunAsync(["eeeee", "ffffff"]) };
        Assert.All(waiting, t => Assert.False(t.IsCompleted));
        release.Set();

        Assert.Equal([1f], (await first).Select(v => v[0]));
        var results = await Task.WhenAll(waiting);
        Assert.Equal([2f, 3f], results[0].Select(v => v[0]));
        Assert.Equal([4f], results[1].Select(v => v[0]));
        Assert.Equal([5f, 6f], results[2].Select(v => v[0]));
        Assert.Equal([1, 5], rounds);
    }

    [Fact]
    public async Task A_failed_round_fails_each_of_its_calls_and_the_next_call_runs_again()
    {
        var fail = true;
        var queue = new InferenceQueue(texts => fail ? throw new InvalidOperationException("model gone") : Lengths(texts));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => queue.RunAsync(["x"]));
        Assert.Equal("model gone", error.Message);
        fail = false;
        Assert.Equal([3f], (await queue.RunAsync(["xyz"])).Select(v => v[0]));
    }
}
