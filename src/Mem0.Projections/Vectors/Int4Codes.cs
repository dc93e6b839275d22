using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Mem0.Projections.Vectors;

/// <summary>
/// Vectors as 4-bit codes with one scale each, for the candidate pass over large stores. That pass is bound by
/// memory bandwidth, not arithmetic (an int8 scan of 100,000 × 384 dims read ~7 GB/s on the development machine),
/// so halving the bytes again halves it. Each block of 32 dims is 16 bytes: byte k holds dim k in its low nibble
/// and dim k + 16 in its high one, so a block unpacks into 32 ordered bytes with two masks. A nibble is the
/// value's code plus 8 (1..15); the query stays in signed bytes, and
/// `dot ≈ (Σ nibble·q − 8·Σq) / (scale·queryScale)`.
/// </summary>
public static class Int4Codes
{
    public const int BlockDims = 32;
    private const int BlockBytes = 16;
    private const int Zero = 8;

    public static int BytesFor(int dims) => (dims + BlockDims - 1) / BlockDims * BlockBytes;

    /// <summary>The query's length in signed bytes: padded with zeros to whole blocks.</summary>
    public static int QueryLengthFor(int dims) => (dims + BlockDims - 1) / BlockDims * BlockDims;

    public static float Encode(ReadOnlySpan<float> v, Span<byte> codes)
    {
        var max = Math.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(v));
        var scale = max == 0 ? 1f : 7f / max;
        codes.Fill(Zero | (Zero << 4));
        for (var d = 0; d < v.Length; d++)
        {
            var nibble = (byte)Math.Clamp((int)MathF.Round(v[d] * scale) + Zero, 1, 15);
            var k = d % BlockDims;
            ref var b = ref codes[d / BlockDims * BlockBytes + k % BlockBytes];
            b = k < BlockBytes ? (byte)((b & 0xF0) | nibble) : (byte)((b & 0x0F) | (nibble << 4));
        }
        return scale;
    }

    /// <summary>Σ nibble·q over all blocks; the caller removes the +8 offset with 8·Σq.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Dot(ReadOnlySpan<byte> codes, ReadOnlySpan<sbyte> q)
    {
        var blocks = codes.Length / BlockBytes;
        if (Avx2.IsSupported)
        {
            ref var rc = ref MemoryMarshal.GetReference(codes);
            ref var rq = ref MemoryMarshal.GetReference(q);
            var mask = Vector128.Create((byte)0x0F);
            var ones = Vector256.Create((short)1);
            var acc = Vector256<int>.Zero;
            for (var b = 0; b < blocks; b++)
            {
                var packed = Vector128.LoadUnsafe(ref rc, (nuint)(b * BlockBytes));
                var low = packed & mask;
                var high = Vector128.ShiftRightLogical(packed.AsUInt16(), 4).AsByte() & mask;
                // 15·127·2 fits a short, so pmaddubsw cannot saturate.
                var pairs = Avx2.MultiplyAddAdjacent(Vector256.Create(low, high), Vector256.LoadUnsafe(ref rq, (nuint)(b * BlockDims)));
                acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(pairs, ones));
            }
            return Vector256.Sum(acc);
        }
        var sum = 0;
        for (var b = 0; b < blocks; b++)
        {
            for (var k = 0; k < BlockBytes; k++)
            {
                var packed = codes[b * BlockBytes + k];
                sum += (packed & 0x0F) * q[b * BlockDims + k] + (packed >> 4) * q[b * BlockDims + BlockBytes + k];
            }
        }
        return sum;
    }
}
