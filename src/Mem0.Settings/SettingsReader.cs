using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Mem0.Settings;

/// <summary>
/// Reads the guide's environment variables (trimmed, blank as unset) into typed values. A value that cannot be read
/// becomes a problem naming its variable, and the default is used meanwhile, so every problem is reported at once.
/// </summary>
public sealed class SettingsReader(IConfiguration config)
{
    private readonly List<string> _problems = [];

    /// <summary>How many problems so far: a module takes the ones found while reading its own variables.</summary>
    public int ProblemCount => _problems.Count;

    public IReadOnlyList<string> ProblemsSince(int start) => _problems[start..];

    /// <summary>A value a module read itself and could not use.</summary>
    public void Problem(string problem) => _problems.Add(problem);

    /// <summary>`MEM0_PROFILE=local`: the parts' defaults become the local ones (no keys, no Qdrant).</summary>
    public bool LocalProfile => string.Equals(Str("MEM0_PROFILE"), ServerOptions.LocalProfile, StringComparison.OrdinalIgnoreCase);

    public string? Str(string name) => string.IsNullOrWhiteSpace(config[name]) ? null : config[name]!.Trim();

    public int Int(string name, int fallback)
    {
        var raw = Str(name);
        if (raw is null) return fallback;
        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0) return v;
        _problems.Add($"{name} must be a non-negative whole number (got '{raw}').");
        return fallback;
    }

    public double Double(string name, double fallback)
    {
        var raw = Str(name);
        if (raw is null) return fallback;
        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return v;
        _problems.Add($"{name} must be a number (got '{raw}').");
        return fallback;
    }

    public bool Bool(string name, bool fallback)
    {
        var raw = Str(name);
        if (raw is null) return fallback;
        switch (raw.ToLowerInvariant())
        {
            case "true" or "1" or "yes" or "on": return true;
            case "false" or "0" or "no" or "off": return false;
            default:
                _problems.Add($"{name} must be true or false (got '{raw}').");
                return fallback;
        }
    }

    /// <summary>
    /// One of an enum's names, in any case (`openai`, `OpenAI`); numbers are not names. An unknown name is a problem,
    /// and `whenUnknown` stands in for it so the other checks do not add problems that follow from this one.
    /// <paramref name="spelled"/> names the values when the variable spells them otherwise than <see cref="NameOf{T}"/>
    /// (`two-call`: a hyphen no enum name can hold).
    /// </summary>
    public T Enum<T>(string name, T fallback, T whenUnknown, Func<T, string>? spelled = null) where T : struct, Enum
    {
        var raw = Str(name);
        if (raw is null) return fallback;
        if (TryName(raw, out T value, spelled)) return value;
        _problems.Add($"{name} must be {Names(spelled)} (got '{raw}').");
        return whenUnknown;
    }

    /// <summary>A comma-separated list of an enum's names, each problem named (`MEM0_ROLES`).</summary>
    public IReadOnlyList<T>? EnumList<T>(string name, Func<string, string> unknown) where T : struct, Enum
    {
        var raw = Str(name);
        if (raw is null) return null;
        var values = new List<T>();
        foreach (var item in raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (TryName(item, out T value)) values.Add(value);
            else _problems.Add(unknown(item));
        }
        return values;
    }

    /// <summary>An enum value as the variables spell it: `openai`, `qdrant`, `scheduler`.</summary>
    public static string NameOf<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>The enum's names as a sentence: `anthropic, openai, ollama or local`.</summary>
    public static string Names<T>(Func<T, string>? spelled = null) where T : struct, Enum
    {
        var names = System.Enum.GetValues<T>().Select(spelled ?? NameOf).ToArray();
        return names.Length == 1 ? names[0] : $"{string.Join(", ", names[..^1])} or {names[^1]}";
    }

    private static bool TryName<T>(string raw, out T value, Func<T, string>? spelled = null) where T : struct, Enum
    {
        foreach (var candidate in System.Enum.GetValues<T>())
        {
            if (string.Equals((spelled ?? NameOf)(candidate), raw, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }
}
