using System.Globalization;
using Mem0.QdrantStandIn.Storage;
using Qdrant.Client.Grpc;
using Range = Qdrant.Client.Grpc.Range;

namespace Mem0.QdrantStandIn.Filtering;

/// <summary>
/// Qdrant's filter semantics (documentation/concepts/filtering): every `must` holds, no `must_not` holds, and at
/// least one `should` (or `min_should.min_count` of them) holds when there are any; an empty filter keeps every
/// point. A field condition on an absent key is false, except `is_empty`; `is_null` holds only for an explicit null.
/// </summary>
public static class FilterMatcher
{
    public static bool Matches(Filter? filter, StoredPoint point)
    {
        if (filter is null) return true;
        if (!filter.Must.All(c => Holds(c, point))) return false;
        if (filter.MustNot.Any(c => Holds(c, point))) return false;
        if (filter.Should.Count > 0 && !filter.Should.Any(c => Holds(c, point))) return false;
        if (filter.MinShould is { } min && min.Conditions.Count(c => Holds(c, point)) < (int)min.MinCount) return false;
        return true;
    }

    private static bool Holds(Condition c, StoredPoint point) => c.ConditionOneOfCase switch
    {
        Condition.ConditionOneOfOneofCase.Filter => Matches(c.Filter, point),
        Condition.ConditionOneOfOneofCase.HasId => c.HasId.HasId.Select(PointKey.From).Contains(point.Key),
        Condition.ConditionOneOfOneofCase.IsEmpty => IsEmpty(PayloadPath.Resolve(point.Payload, c.IsEmpty.Key)),
        Condition.ConditionOneOfOneofCase.IsNull => IsNull(PayloadPath.Resolve(point.Payload, c.IsNull.Key)),
        Condition.ConditionOneOfOneofCase.Field => Holds(c.Field, point),
        var other => throw StandInErrors.Unimplemented($"the {other} filter condition"),
    };

    /// <summary>Absent, null, or an empty array.</summary>
    private static bool IsEmpty(IReadOnlyList<Value>? values) =>
        values is null || values.All(v => v.KindCase == Value.KindOneofCase.NullValue || v is { KindCase: Value.KindOneofCase.ListValue, ListValue.Values.Count: 0 });

    private static bool IsNull(IReadOnlyList<Value>? values) => values is not null && values.Any(v => v.KindCase == Value.KindOneofCase.NullValue);

    private static bool Holds(FieldCondition f, StoredPoint point)
    {
        var values = PayloadPath.Resolve(point.Payload, f.Key);
        if (f.HasIsEmpty && f.IsEmpty) return IsEmpty(values);
        if (f.HasIsNull && f.IsNull) return IsNull(values);
        if (values is null) return false;
        var elements = PayloadPath.Flattened(values).ToList();
        if (f.Match is { } match) return Matches(match, elements);
        if (f.Range is { } range) return elements.Any(v => Number(v) is { } n && InRange(n, range));
        if (f.DatetimeRange is { } dates) return elements.Any(v => Date(v) is { } d && InRange(d, dates));
        if (f.ValuesCount is { } count) return InCount(elements.Count, count);
        throw StandInErrors.Unimplemented($"the field condition on `{f.Key}` (geo conditions)");
    }

    private static bool Matches(Match m, List<Value> elements) => m.MatchValueCase switch
    {
        Match.MatchValueOneofCase.Keyword => elements.Any(v => v.KindCase == Value.KindOneofCase.StringValue && v.StringValue == m.Keyword),
        Match.MatchValueOneofCase.Integer => elements.Any(v => v.KindCase == Value.KindOneofCase.IntegerValue && v.IntegerValue == m.Integer),
        Match.MatchValueOneofCase.Boolean => elements.Any(v => v.KindCase == Value.KindOneofCase.BoolValue && v.BoolValue == m.Boolean),
        Match.MatchValueOneofCase.Keywords => elements.Any(v => v.KindCase == Value.KindOneofCase.StringValue && m.Keywords.Strings.Contains(v.StringValue)),
        Match.MatchValueOneofCase.Integers => elements.Any(v => v.KindCase == Value.KindOneofCase.IntegerValue && m.Integers.Integers.Contains(v.IntegerValue)),
        // "except": the stored value, or for an array at least one of its values, is none of the given ones.
        Match.MatchValueOneofCase.ExceptKeywords => elements.Any(v => v.KindCase != Value.KindOneofCase.StringValue || !m.ExceptKeywords.Strings.Contains(v.StringValue)),
        Match.MatchValueOneofCase.ExceptIntegers => elements.Any(v => v.KindCase != Value.KindOneofCase.IntegerValue || !m.ExceptIntegers.Integers.Contains(v.IntegerValue)),
        // Without a full-text index Qdrant matches `text` as a substring; the stand-in always does.
        Match.MatchValueOneofCase.Text => elements.Any(v => v.KindCase == Value.KindOneofCase.StringValue && v.StringValue.Contains(m.Text, StringComparison.Ordinal)),
        Match.MatchValueOneofCase.Substring => elements.Any(v => v.KindCase == Value.KindOneofCase.StringValue && v.StringValue.Contains(m.Substring, StringComparison.Ordinal)),
        Match.MatchValueOneofCase.Prefix => elements.Any(v => v.KindCase == Value.KindOneofCase.StringValue && v.StringValue.StartsWith(m.Prefix, StringComparison.Ordinal)),
        var other => throw StandInErrors.Unimplemented($"match {other}"),
    };

    private static double? Number(Value v) => v.KindCase switch
    {
        Value.KindOneofCase.IntegerValue => v.IntegerValue,
        Value.KindOneofCase.DoubleValue => v.DoubleValue,
        _ => null,
    };

    private static bool InRange(double n, Range r) =>
        (!r.HasLt || n < r.Lt) && (!r.HasGt || n > r.Gt) && (!r.HasLte || n <= r.Lte) && (!r.HasGte || n >= r.Gte);

    /// <summary>RFC 3339 text, with or without an offset (no offset is UTC), as Qdrant's datetime payloads are read.</summary>
    private static DateTimeOffset? Date(Value v) =>
        v.KindCase == Value.KindOneofCase.StringValue &&
        DateTimeOffset.TryParse(v.StringValue, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    private static bool InRange(DateTimeOffset d, DatetimeRange r) =>
        (r.Lt is null || d < r.Lt.ToDateTimeOffset()) && (r.Gt is null || d > r.Gt.ToDateTimeOffset()) &&
        (r.Lte is null || d <= r.Lte.ToDateTimeOffset()) && (r.Gte is null || d >= r.Gte.ToDateTimeOffset());

    private static bool InCount(int n, ValuesCount c) =>
        (!c.HasLt || (ulong)n < c.Lt) && (!c.HasGt || (ulong)n > c.Gt) && (!c.HasLte || (ulong)n <= c.Lte) && (!c.HasGte || (ulong)n >= c.Gte);
}
