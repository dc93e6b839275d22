using System.Numerics.Tensors;
using Mem0.Projections.Vectors;

namespace Mem0.Tests.Unit.Vectors;

public sealed class Int4_codes_specs
{
    [Theory]
    [InlineData(384)]
    [InlineData(40)]
    [InlineData(1536)]
    public void The_packed_dot_is_the_sum_of_nibble_times_query_code_and_approximates_the_float_dot(int dims)
    {
        var random = new Random(dims);
        float[] Unit()
        {
            var v = Enumerable.Range(0, dims).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
            TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
            return v;
        }
        for (var trial = 0; trial < 20; trial++)
        {
            var (a, b) = (Unit(), Unit());
            var codes = new byte[Int4Codes.BytesFor(dims)];
            var scale = Int4Codes.Encode(a, codes);
            var q = new sbyte[Int4Codes.QueryLengthFor(dims)];
            var qScale = Int8Codes.Encode(b, q.AsSpan(0, dims));

            // The same sum, one dim at a time from the documented layout.
            var expected = 0;
            for (var d = 0; d < q.Length; d++)
            {
                var k = d % 32;
                var packed = codes[d / 32 * 16 + k % 16];
                expected += (k < 16 ? packed & 0x0F : packed >> 4) * q[d];
            }
            var dot = Int4Codes.Dot(codes, q);
            Assert.Equal(expected, dot);

            var approx = (dot - 8 * q.Sum(c => c)) / (scale * qScale);
            Assert.InRange(approx - TensorPrimitives.Dot(a, b), -0.05f, 0.05f);
        }
    }
}
