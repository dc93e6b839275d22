namespace Mem0.Projections.Vectors.Embedded;

/// <summary>A vector as signed bytes with one scale (`v ≈ code / scale`): the query side of the 4-bit candidate pass.</summary>
public static class Int8Codes
{
    public static float Encode(ReadOnlySpan<float> v, Span<sbyte> codes)
    {
        var max = Math.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(v));
        var scale = max == 0 ? 1f : 127f / max;
        for (var i = 0; i < v.Length; i++) codes[i] = (sbyte)MathF.Round(v[i] * scale);
        return scale;
    }
}
