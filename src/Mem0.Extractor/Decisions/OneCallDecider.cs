using Mem0.Extractor.Ai;
using Microsoft.Extensions.Logging;

namespace Mem0.Extractor.Decisions;

/// <summary>
/// The one-call pipeline's model step (MEM0_PIPELINE=one-call): the new input and the stored memories closest to it go
/// to the model together, and one answer both picks out the facts and decides them, in the update decision's reply
/// shape. Stored memories are shown under small integer ids and mapped back; what the model gets wrong is repaired as
/// in the two-call pipeline (<see cref="LlmUpdateDecider.Map"/>).
/// </summary>
public sealed class OneCallDecider(JsonAsk ask, PromptLibrary prompts, ILogger<OneCallDecider> log)
{
    public const string PromptVersion = PromptLibrary.OneCall;

    public async Task<UpdatePlan> DecideAsync(string input, IReadOnlyList<StoredMemory> related, DateTimeOffset? occurredAt, CancellationToken ct)
    {
        var byNumber = related.Select((m, i) => (Key: i.ToString(System.Globalization.CultureInfo.InvariantCulture), Memory: m))
            .ToDictionary(x => x.Key, x => x.Memory);
        var user = PromptJson.Serialize(new { memories = byNumber.Select(kv => new { id = kv.Key, text = kv.Value.Text }), input });
        var system = await prompts.RenderAsync(PromptLibrary.OneCall, ct, occurredAt);
        var (reply, usage) = await ask.AskAsync<LlmUpdateDecider.Reply>(system, user, LlmUpdateDecider.Validate, ct);
        return new UpdatePlan(LlmUpdateDecider.Map(reply.Memory!, byNumber, log), usage);
    }
}
