using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Mem0.Projections.Vectors.Embedded;

/// <summary>
/// Vectors as 4-bit codes with one scale each, for the candidate pass over large stores. Each block of 32 dims is
/// 16 bytes: byte k holds dim k in its low nibble and dim k + 16 in its high one, so a block unpacks into 32
/// bytes with two masks. A nibble is the value's code plus 8 (1..15); the query stays in signed bytes
/// (<see cref="Arrange"/>), and `dot ≈ (Σ nibble·q − 8·Σq) / (scale·queryScale)`.
/// The pass is bound by arithmetic, not memory (scoring 32 dims at a time took several times as long as reading the
/// codes), so where AVX-512 is present four blocks are scored per step (bench/results.md: "4-bit candidate pass").
/// </summary>
public static class Int4Codes
{
    public const int BlockDims = 32;
    private const int BlockBytes = 16;
    private const int GroupBlocks = 4;
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

    /// <summary>
    /// The query codes (in dim order) laid out for <see cref="Dot"/>: in each group of four blocks (128 dims) the
    /// halves that meet low nibbles come first and those that meet high nibbles after, so one 64-byte load of
    /// codes unpacks into two runs that line up with two 64-byte runs of the query. A last group of fewer blocks
    /// follows the same rule. Padded with zeros to whole blocks.
    /// </summary>
    public static sbyte[] Arrange(ReadOnlySpan<sbyte> q)
    {
        var arranged = new sbyte[QueryLengthFor(q.Length)];
        for (var d = 0; d < q.Length; d++) arranged[QueryIndex(d / BlockDims, d % BlockDims, arranged.Length / BlockDims)] = q[d];
        return arranged;
    }

    /// <summary>Σ nibble·q over all blocks, q from <see cref="Arrange"/>; the caller removes the +8 offset with 8·Σq.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(ReadOnlySpan<byte> codes, ReadOnlySpan<sbyte> q)
    {
        var blocks = codes.Length / BlockBytes;
        var sum = 0;
        var block = 0;
        ref var rc = ref MemoryMarshal.GetReference(codes);
        ref var rq = ref MemoryMarshal.GetReference(q);
        if (Avx512BW.IsSupported)
        {
            var mask = Vector512.Create((byte)0x0F);
            var ones = Vector512.Create((short)1);
            var acc = Vector512<int>.Zero;
            for (; block + GroupBlocks <= blocks; block += GroupBlocks) acc += GroupDot(ref rc, 0, ref rq, block, mask, ones);
            sum = Vector512.Sum(acc);
        }
        if (Avx2.IsSupported)
        {
            var mask = Vector128.Create((byte)0x0F);
            var ones = Vector256.Create((short)1);
            var acc = Vector256<int>.Zero;
            for (; block < blocks; block++)
            {
                var packed = Vector128.LoadUnsafe(ref rc, (nuint)(block * BlockBytes));
                var low = packed & mask;
                var high = Vector128.ShiftRightLogical(packed.AsUInt16(), 4).AsByte() & mask;
                var query = Vector256.Create(
                    Vector128.LoadUnsafe(ref rq, (nuint)QueryIndex(block, 0, blocks)),
                    Vector128.LoadUnsafe(ref rq, (nuint)QueryIndex(block, BlockBytes, blocks)));
                // 15·127·2 fits a short, so pmaddubsw cannot saturate.
                acc += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(Vector256.Create(low, high), query), ones);
            }
            return sum + Vector256.Sum(acc);
        }
        for (; block < blocks; block++)
        {
            for (var k = 0; k < BlockBytes; k++)
            {
                var packed = codes[block * BlockBytes + k];
                sum += (packed & 0x0F) * q[QueryIndex(block, k, blocks)] + (packed >> 4) * q[QueryIndex(block, BlockBytes + k, blocks)];
            }
        }
        return sum;
    }

    /// <summary>
    /// <see cref="Dot"/> for consecutive rows of `rowBytes` each: `dots[r]` for row r of `codes`. The candidate pass
    /// calls this a few hundred rows at a time instead of once per row, because per row the call, the constants
    /// and the checks cost as much as the arithmetic (bench/results.md: "4-bit candidate pass").
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DotMany(ReadOnlySpan<byte> codes, int rowBytes, ReadOnlySpan<sbyte> q, Span<int> dots)
    {
        var blocks = rowBytes / BlockBytes;
        if (!Avx512BW.IsSupported || blocks % GroupBlocks != 0)
        {
            for (var r = 0; r < dots.Length; r++) dots[r] = Dot(codes.Slice(r * rowBytes, rowBytes), q);
            return;
        }
        if (codes.Length < dots.Length * rowBytes || q.Length < blocks * BlockDims) throw new ArgumentException("codes or query too short for the rows asked");
        ref var rc = ref MemoryMarshal.GetReference(codes);
        ref var rq = ref MemoryMarshal.GetReference(q);
        var mask = Vector512.Create((byte)0x0F);
        var ones = Vector512.Create((short)1);
        for (var r = 0; r < dots.Length; r++)
        {
            var row = (nuint)(r * rowBytes);
            var acc = Vector512<int>.Zero;
            for (var block = 0; block < blocks; block += GroupBlocks) acc += GroupDot(ref rc, row, ref rq, block, mask, ones);
            dots[r] = Vector512.Sum(acc);
        }
    }

    /// <summary>
    /// One group of four blocks (128 dims) starting at `block` of the row at `row`: one 64-byte load of codes, its
    /// low and high nibbles against the two 64-byte runs of the arranged query, summed as 16 ints.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> GroupDot(ref byte rc, nuint row, ref sbyte rq, int block, Vector512<byte> mask, Vector512<short> ones)
    {
        var packed = Vector512.LoadUnsafe(ref rc, row + (nuint)(block * BlockBytes));
        var low = packed & mask;
        var high = Vector512.ShiftRightLogical(packed.AsUInt16(), 4).AsByte() & mask;
        // Each short is at most 2·15·127, so the two runs add without saturating before widening.
        var pairs = Avx512BW.MultiplyAddAdjacent(low, Vector512.LoadUnsafe(ref rq, (nuint)(block * BlockDims)))
            + Avx512BW.MultiplyAddAdjacent(high, Vector512.LoadUnsafe(ref rq, (nuint)(block * BlockDims + GroupBlocks * BlockBytes)));
        return Avx512BW.MultiplyAddAdjacent(pairs, ones);
    }

    /// <summary>Where dim `k` (0..31) of `block` sits in an arranged query of `blocks` blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int QueryIndex(int block, int k, int blocks)
    {
        var group = block / GroupBlocks;
        var inGroup = Math.Min(GroupBlocks, blocks - group * GroupBlocks);
        var half = k < BlockBytes ? 0 : inGroup * BlockBytes;
        return group * GroupBlocks * BlockDims + half + block % GroupBlocks * BlockBytes + k % BlockBytes;
    }
}
