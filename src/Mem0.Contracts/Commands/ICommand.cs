namespace Mem0.Contracts.Commands;

/// <summary>
/// A command that changes the store. `CommandId` is its identity across deliveries: the API makes it (from the
/// request's `Idempotency-Key` when there is one, so a client's retry is the same command), every event it appends
/// carries it (Marten's causation id), and the extractor keeps a receipt of it in the same transaction as the events,
/// so a redelivered or re-sent command is answered from the receipt instead of acting twice.
/// </summary>
public interface ICommand
{
    Guid CommandId { get; }
}
