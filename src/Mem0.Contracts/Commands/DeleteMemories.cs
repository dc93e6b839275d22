using Mem0.Contracts.Model;

namespace Mem0.Contracts.Commands;

/// <summary>
/// Bulk delete by exact-match filters. Without `Confirm` it only reports what would go. It keeps no receipt: it
/// commits in batches, and run again it deletes only what still matches, so a redelivery changes nothing twice.
/// </summary>
public sealed record DeleteMemories(Guid CommandId, BulkDeleteFilter Filter, bool Confirm, int Cap, Provenance By) : ICommand;
