namespace Mem0.Contracts.Replies;

public sealed record Pong(Guid Id);
