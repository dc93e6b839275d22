using MassTransit;
using Mem0.Contracts.Replies;
using Microsoft.Extensions.Logging;

namespace Mem0.Extractor.Memories;

/// <summary>
/// The last word of every command: one that still fails after its consumer's retries gets a
/// <see cref="CommandFailed"/> reply at once, whatever happened to MassTransit's fault (an exception it cannot
/// serialize never reaches the sender, who then waited for its whole bus timeout). A fault that can be sent reaches
/// the sender before this reply; failures with a meaning of their own are answered inside the consumer
/// (<see cref="StoreRefusal"/>). With the endpoint's
/// DiscardFaultedMessages, the command, the user's text in it, is not kept in a `_error` queue either.
/// </summary>
public sealed class ReplyOnFailureFilter<T>(ILogger<ReplyOnFailureFilter<T>> log) : IFilter<ConsumeContext<T>> where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        try
        {
            await next.Send(context);
        }
        catch (Exception ex) when (context.ResponseAddress is not null && !context.CancellationToken.IsCancellationRequested)
        {
            log.LogError(ex, "{Command} failed ({Kind})", typeof(T).Name, ex.GetType().FullName);
            await context.RespondAsync(new CommandFailed(ReplyErrors.Internal,
                "The extractor failed on this request; its error is in the server log. Retrying is safe."));
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("replyOnFailure");
}
