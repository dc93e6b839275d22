namespace Mem0.Contracts.Commands;

/// <summary>/healthz's round trip over the bus: answered by an extractor with <see cref="Replies.Pong"/>.</summary>
public sealed record Ping(Guid Id);
