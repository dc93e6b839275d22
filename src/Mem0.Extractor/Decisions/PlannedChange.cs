namespace Mem0.Extractor.Decisions;

/// <summary>What a decision step may do to the store for one fact.</summary>
public enum ChangeKind { Add, Update, Delete }

/// <summary>One change a decision step asks for: ADD (new text), UPDATE (target gets text), DELETE (target goes).</summary>
public sealed record PlannedChange(ChangeKind Kind, string Text, Guid? TargetId = null);
