using System.Text.Json;

namespace Mem0.Projections.Commands;

/// <summary>
/// The inbox's record of one carried-out command: its id and the reply it got, written in the transaction that
/// appended its events, so "the events are stored" and "the command is known done" are one fact. A second delivery
/// of the command (the broker's redelivery, the API's re-send, a client's retry under the same key) finds it and
/// gets the same reply; two deliveries racing each other cannot both commit (the id is the primary key).
/// </summary>
public sealed class CommandReceipt
{
    public Guid Id { get; set; }
    public string Reply { get; set; } = "";
    public DateTimeOffset At { get; set; }

    public static CommandReceipt For<TReply>(Guid commandId, TReply reply, DateTimeOffset at) =>
        new() { Id = commandId, Reply = JsonSerializer.Serialize(reply), At = at };

    public TReply Read<TReply>() => JsonSerializer.Deserialize<TReply>(Reply)
                                    ?? throw new InvalidOperationException($"Receipt {Id} holds no {typeof(TReply).Name}.");
}
