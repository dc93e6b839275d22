using Mem0.Api.Bus;
using Mem0.Contracts.Commands;
using Mem0.Contracts.Model;
using Mem0.Contracts.Replies;
using Mem0.Settings;

namespace Mem0.Api.Memories.Rewind;

/// <summary>Sends a <see cref="Contracts.Commands.Rewind"/> to the extractor; its refusals come back as the stable error shape.</summary>
public sealed class RewindSender(CommandSender bus, CommandIds ids, BusOptions settings)
{
    public Task<RewindResult> SendAsync(RewindKind kind, Guid target, long? version, Provenance by, CancellationToken ct) =>
        bus.SendAsync<Contracts.Commands.Rewind, RewindResult>(new Contracts.Commands.Rewind(ids.ForThisRequest().Id, kind, target, version, by),
            CommandQueues.Rewind(settings.BusPrefix), ct);
}
