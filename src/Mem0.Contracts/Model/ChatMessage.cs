namespace Mem0.Contracts.Model;

/// <summary>One turn of a transcript given to an add instead of plain content.</summary>
public sealed record ChatMessage(string Role, string Content);
