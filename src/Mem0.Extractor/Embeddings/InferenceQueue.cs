namespace Mem0.Extractor.Embeddings;

/// <summary>
/// Concurrent embedding calls share inferences. A call that finds the model idle runs at once, on its own thread;
/// calls that arrive meanwhile wait and then run together as one batch (which the encoder splits across the cores), so
/// under load each text costs its share of a batch instead of a lone inference. The call that started a round returns
/// when its own texts are done: a round that found more waiting goes on on the thread pool, not on that caller's time.
/// </summary>
public sealed class InferenceQueue(Func<IReadOnlyList<string>, float[][]> encode)
{
    private readonly Lock _gate = new();
    private List<Waiting> _waiting = [];
    private bool _running;

    private sealed record Waiting(IReadOnlyList<string> Texts, TaskCompletionSource<float[][]> Done);

    public Task<float[][]> RunAsync(IReadOnlyList<string> texts)
    {
        var waiting = new Waiting(texts, new TaskCompletionSource<float[][]>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            _waiting.Add(waiting);
            if (_running) return waiting.Done.Task;
            _running = true;
        }
        if (RunRound()) _ = Task.Run(RunAll);
        return waiting.Done.Task;
    }

    private void RunAll()
    {
        while (RunRound())
        {
        }
    }

    /// <summary>Runs everything waiting as one batch; true when more arrived meanwhile (the caller runs another round).</summary>
    private bool RunRound()
    {
        List<Waiting> batch;
        lock (_gate)
        {
            batch = _waiting;
            _waiting = [];
        }
        try
        {
            var vectors = encode(batch.SelectMany(w => w.Texts).ToList());
            var at = 0;
            foreach (var w in batch)
            {
                w.Done.SetResult(vectors[at..(at + w.Texts.Count)]);
                at += w.Texts.Count;
            }
        }
        catch (Exception ex)
        {
            foreach (var w in batch) w.Done.TrySetException(ex);
        }
        lock (_gate)
        {
            if (_waiting.Count > 0) return true;
            _running = false;
            return false;
        }
    }
}
