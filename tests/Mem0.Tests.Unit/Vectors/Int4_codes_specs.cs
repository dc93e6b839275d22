using Mem0.Projections.Vectors.Embedded;
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
            var arranged = Int4Codes.Arrange(q.AsSpan(0, dims));

            // The same sum, one dim at a time from the documented layout.
            var expected = 0;
            for (var d = 0; d < q.Length; d++)
            {
                var k = d % 32;
                var packed = codes[d / 32 * 16 + k % 16];
                expected += (k < 16 ? packed & 0x0F : packed >> 4) * q[d];
            }
            var dot = Int4Codes.Dot(codes, arranged);
            Assert.Equal(expected, dot);

            var approx = (dot - 8 * q.Sum(c => c)) / (scale * qScale);
            Assert.InRange(approx - TensorPrimitives.Dot(a, b), -0.05f, 0.05f);
        }
    }

    [Theory]
    [InlineData(384, 300)]
    [InlineData(40, 7)]
    [InlineData(1536, 33)]
    public void Scoring_rows_in_a_batch_gives_each_row_its_own_dot(int dims, int rows)
    {
        var random = new Random(dims + rows);
        var rowBytes = Int4Codes.BytesFor(dims);
        var codes = new byte[rowBytes * rows];
        for (var r = 0; r < rows; r++)
            Int4Codes.Encode(Enumerable.Range(0, dims).Select(_ => (float)random.NextDouble() - 0.5f).ToArray(), codes.AsSpan(r * rowBytes, rowBytes));
        var q = new sbyte[dims];
        for (var d = 0; d < dims; d++) q[d] = (sbyte)random.Next(-127, 128);
        var arranged = Int4Codes.Arrange(q);

        var dots = new int[rows];
        Int4Codes.DotMany(codes, rowBytes, arranged, dots);

        Assert.Equal(Enumerable.Range(0, rows).Select(r => Int4Codes.Dot(codes.AsSpan(r * rowBytes, rowBytes), arranged)), dots);
        Assert.True(dots.Distinct().Count() > 1, "the rows should score differently, or a batch of copies of one row would pass");
    }
}
