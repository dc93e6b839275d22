using Prometheus;

namespace Mem0.Extractor;

/// <summary>Latency of the calls that dominate an add, by provider, and the inbox's replays; exported on the API's /metrics.</summary>
public static class ExtractorMetrics
{
    private static readonly double[] Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    public static readonly Histogram Extraction = Metrics.CreateHistogram(
        "mem0_extraction_duration_seconds", "Fact extraction per add, by LLM provider.",
        new HistogramConfiguration { LabelNames = ["provider"], Buckets = Buckets });

    public static readonly Histogram Embedding = Metrics.CreateHistogram(
        "mem0_embedding_duration_seconds", "Embedding provider calls (cache misses only), by provider.",
        new HistogramConfiguration { LabelNames = ["provider"], Buckets = Buckets });

    public static readonly Counter Replayed = Metrics.CreateCounter(
        "mem0_commands_replayed_total", "Commands delivered again after they were carried out, answered from their receipt, by command.",
        new CounterConfiguration { LabelNames = ["command"] });
}
