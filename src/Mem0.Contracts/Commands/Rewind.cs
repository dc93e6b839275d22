using Mem0.Contracts.Model;

namespace Mem0.Contracts.Commands;

/// <summary>What a <see cref="Rewind"/> brings back.</summary>
public enum RewindKind
{
    /// <summary>One memory to the text it had at `Version`.</summary>
    Revert,

    /// <summary>One deleted memory back as it read before the delete.</summary>
    Undelete,

    /// <summary>Every change one input (source) caused, each memory back to what it was before.</summary>
    UndoSource,

    /// <summary>An input forgotten: what it added deleted, what it rewrote reverted, the source no longer kept.</summary>
    ForgetSource,
}

/// <summary>
/// Undo, by appending: memories are brought back to an earlier state with new events, so history keeps everything
/// (the revert included). `TargetId` is a memory for Revert and Undelete, a source for the others.
/// </summary>
public sealed record Rewind(Guid CommandId, RewindKind Kind, Guid TargetId, long? Version, Provenance By) : ICommand;
