using System.Collections.Concurrent;
using Microsoft.SemanticKernel;

namespace Mem0.Extractor.Ai;

/// <summary>
/// The prompts, one versioned file each (`Prompts/name.vN.md`, embedded), rendered by Semantic Kernel's template
/// engine. Only trusted values go through the template (today's date, or the content's own date when an add gives
/// `occurred_at`, so "last week" in a 2023 conversation means a week of 2023); what users wrote travels in the user
/// message as data, never spliced into instructions.
/// </summary>
public sealed class PromptLibrary(TimeProvider clock)
{
    public const string FactExtraction = "fact-extraction.v1";
    public const string UpdateDecision = "update-decision.v1";
    public const string OneCall = "one-call.v1";

    private static readonly KernelPromptTemplateFactory Factory = new();
    private readonly ConcurrentDictionary<string, IPromptTemplate> _templates = new();
    private readonly Kernel _kernel = new();

    /// <summary>The prompt for a content of <paramref name="day"/> (its `occurred_at`), or of today.</summary>
    public Task<string> RenderAsync(string name, CancellationToken ct, DateTimeOffset? day = null)
    {
        var template = _templates.GetOrAdd(name, n => Factory.Create(new PromptTemplateConfig(Load(n))));
        return template.RenderAsync(_kernel, new KernelArguments { ["today"] = (day ?? clock.GetUtcNow()).UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, ct);
    }

    private static string Load(string name)
    {
        using var stream = typeof(PromptLibrary).Assembly.GetManifestResourceStream($"Mem0.Prompts.{name}.md")
                           ?? throw new InvalidOperationException($"Prompt {name} is not embedded in the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
