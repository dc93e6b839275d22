using Qdrant.Client.Grpc;

namespace Mem0.QdrantStandIn.Filtering;

/// <summary>
/// The values a filter key reaches in a payload (Qdrant's "Nested key" rules, documentation/concepts/filtering):
/// `a.b` walks into objects, `a[].b` into each object of an array, and a plain key over an array reaches its
/// elements, so a condition on an array field holds when it holds for any element.
/// </summary>
public static class PayloadPath
{
    /// <summary>Null when the key is absent; otherwise the values it names, arrays flattened one level.</summary>
    public static IReadOnlyList<Value>? Resolve(IReadOnlyDictionary<string, Value> payload, string key)
    {
        var segments = key.Split('.');
        IEnumerable<Value>? current = null;
        foreach (var raw in segments)
        {
            var name = raw.EndsWith("[]", StringComparison.Ordinal) ? raw[..^2] : raw;
            current = current is null
                ? payload.TryGetValue(name, out var top) ? [top] : []
                : current.SelectMany(v => Elements(v)).Where(v => v.KindCase == Value.KindOneofCase.StructValue)
                    .Select(v => v.StructValue.Fields.TryGetValue(name, out var inner) ? inner : null).OfType<Value>().ToList();
        }
        var found = current?.ToList() ?? [];
        return found.Count == 0 ? null : found;
    }

    /// <summary>The values to compare: an array's elements, or the value itself.</summary>
    public static IEnumerable<Value> Elements(Value v) => v.KindCase == Value.KindOneofCase.ListValue ? v.ListValue.Values : [v];

    public static IEnumerable<Value> Flattened(IReadOnlyList<Value> values) => values.SelectMany(Elements);
}
