using Mem0.Contracts.Model;
using Mem0.Extractor.Ai;
using Mem0.Projections.Memories;
using Microsoft.Extensions.Logging;

namespace Mem0.Extractor.Decisions;

/// <summary>
/// mem0's update decision with one model call. Stored memories are shown under small integer ids and mapped back
/// afterwards, so the model never sees or invents a UUID. What the model gets wrong is repaired conservatively:
/// an UPDATE of an unknown id becomes an ADD (a fact is never lost), a DELETE of an unknown id is ignored.
/// </summary>
public sealed class LlmUpdateDecider(JsonAsk ask, PromptLibrary prompts, ILogger<LlmUpdateDecider> log) : IUpdateDecider
{
    public string PromptVersion => PromptLibrary.UpdateDecision;

    public sealed record Item(string? Id, string? Text, string? Event, string? OldMemory);
    public sealed record Reply(List<Item>? Memory);

    public async Task<UpdatePlan> DecideAsync(IReadOnlyList<NewFact> facts, IReadOnlyList<StoredMemory> related, CancellationToken ct)
    {
        if (related.Count == 0)
        {
            // Nothing stored is close: every fact is new and there is nothing to ask the model.
            var fresh = facts.DistinctBy(f => f.Fingerprint).Select(f => new PlannedChange(ChangeKind.Add, f.Text)).ToList();
            return new UpdatePlan(fresh, TokenUsage.None);
        }

        var byNumber = related.Select((m, i) => (Key: i.ToString(System.Globalization.CultureInfo.InvariantCulture), Memory: m))
            .ToDictionary(x => x.Key, x => x.Memory);
        var input = PromptJson.Serialize(new
        {
            memories = byNumber.Select(kv => new { id = kv.Key, text = kv.Value.Text }),
            facts = facts.Select(f => f.Text),
        });
        var system = await prompts.RenderAsync(PromptLibrary.UpdateDecision, ct);
        var (reply, usage) = await ask.AskAsync<Reply>(system, input, Validate, ct);
        return new UpdatePlan(Map(reply.Memory!, byNumber, log), usage);
    }

    internal static string? Validate(Reply r) =>
        r.Memory is null ? "the \"memory\" list is missing"
        : r.Memory.Any(i => i.Event is null) ? "an entry has no \"event\""
        : r.Memory.Any(i => i.Event!.ToUpperInvariant() is not ("ADD" or "UPDATE" or "DELETE" or "NONE")) ? "an \"event\" is not ADD, UPDATE, DELETE or NONE"
        : r.Memory.Any(i => i.Event!.ToUpperInvariant() is "ADD" or "UPDATE" && string.IsNullOrWhiteSpace(i.Text)) ? "an ADD or UPDATE has no \"text\""
        : null;

    internal static List<PlannedChange> Map(List<Item> items, IReadOnlyDictionary<string, StoredMemory> byNumber, ILogger log)
    {
        var changes = new List<PlannedChange>();
        var touched = new HashSet<Guid>();
        var known = byNumber.Values.Select(m => m.Fingerprint).ToHashSet();
        foreach (var item in items)
        {
            var text = item.Text?.Trim() ?? "";
            var target = item.Id is not null && byNumber.TryGetValue(item.Id.Trim(), out var m) ? m : null;
            switch (item.Event!.ToUpperInvariant())
            {
                case "UPDATE" when target is null:
                    log.LogWarning("Model updated unknown memory id {Id}; keeping the text as a new memory", item.Id);
                    goto case "ADD";
                case "ADD":
                    if (known.Add(Fingerprint.Of(text))) changes.Add(new PlannedChange(ChangeKind.Add, text));
                    break;
                case "UPDATE":
                    if (text != target!.Text && touched.Add(target.Id)) changes.Add(new PlannedChange(ChangeKind.Update, text, target.Id));
                    break;
                case "DELETE" when target is null:
                    log.LogWarning("Model deleted unknown memory id {Id}; ignored", item.Id);
                    break;
                case "DELETE":
                    if (touched.Add(target.Id)) changes.Add(new PlannedChange(ChangeKind.Delete, target.Text, target.Id));
                    break;
            }
        }
        return changes;
    }
}
