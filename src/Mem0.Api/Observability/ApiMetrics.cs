using Prometheus;

namespace Mem0.Api.Observability;

/// <summary>The server's Prometheus metrics. HTTP ones are labelled by route template, never by raw path.</summary>
public static class ApiMetrics
{
    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    public static readonly Counter HttpRequests = Metrics.CreateCounter(
        "http_requests_total", "HTTP requests by method, matched route template and status.", "method", "route", "status");

    public static readonly Histogram HttpDuration = Metrics.CreateHistogram(
        "http_request_duration_seconds", "HTTP request latency by method and route template.",
        new HistogramConfiguration { LabelNames = ["method", "route"], Buckets = LatencyBuckets });

    public static readonly Counter Adds = Metrics.CreateCounter(
        "mem0_adds_total", "Adds by outcome: added (something stored), deduplicated (fingerprint hit), unchanged (nothing new), failed.", "outcome");

    /// <summary>Counts one add that got an answer, by what it did.</summary>
    public static void CountAdd(Contracts.Replies.AddMemoryResult result) =>
        Adds.WithLabels(result.Deduplicated ? "deduplicated" : result.Results.Count > 0 ? "added" : "unchanged").Inc();

    public static readonly Histogram BusRequests = Metrics.CreateHistogram(
        "mem0_bus_request_duration_seconds", "Command round trips over the bus, by command.",
        new HistogramConfiguration { LabelNames = ["command"], Buckets = LatencyBuckets });

    public static readonly Counter CommandsResent = Metrics.CreateCounter(
        "mem0_commands_resent_total", "Commands sent again because the broker connection came back while they waited, by command.",
        new CounterConfiguration { LabelNames = ["command"] });

    public static readonly Gauge MemoriesStored = Metrics.CreateGauge("mem0_memories", "Memories stored (read at scrape time).");

    public static readonly Gauge ProjectionLag = Metrics.CreateGauge(
        "mem0_projection_lag_events", "Memory events the vector index subscription has not applied yet (read at scrape time).");
}
