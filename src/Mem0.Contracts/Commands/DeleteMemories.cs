using Mem0.Contracts.Model;

namespace Mem0.Contracts.Commands;

/// <summary>Bulk delete by exact-match filters. Without `Confirm` it only reports what would go.</summary>
public sealed record DeleteMemories(BulkDeleteFilter Filter, bool Confirm, int Cap, Provenance By);
