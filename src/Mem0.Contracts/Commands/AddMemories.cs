namespace Mem0.Contracts.Commands;

/// <summary>
/// Several adds at once (a batch request, an import): each item is a whole <see cref="AddMemory"/> with its own
/// command id, so each has its own receipt, source and answer, and a retry of the batch is answered item by item
/// from the receipts. The batch's own id only names the request.
/// </summary>
public sealed record AddMemories(Guid CommandId, IReadOnlyList<AddMemory> Items) : ICommand;
