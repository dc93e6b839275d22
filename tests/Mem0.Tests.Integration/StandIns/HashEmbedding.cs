namespace Mem0.Tests.Integration.StandIns;

/// <summary>
/// A deterministic stand-in for an embedding model: a hashed bag of lowercase words, unit length. Texts that
/// share words are close, as with a real model, and the same text always gives the same vector.
/// </summary>
public static class HashEmbedding
{
    public static float[] Of(string text, int dims)
    {
        var v = new float[dims];
        foreach (var word in text.ToLowerInvariant().Split(c => !char.IsLetterOrDigit(c)))
        {
            if (word.Length == 0) continue;
            var h = 2166136261u;
            foreach (var c in word) h = (h ^ c) * 16777619u;
            v[h % (uint)dims] += 1;
        }
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        if (norm > 0) for (var i = 0; i < dims; i++) v[i] /= norm;
        else v[0] = 1;
        return v;
    }

    private static IEnumerable<string> Split(this string s, Func<char, bool> separator)
    {
        var start = 0;
        for (var i = 0; i <= s.Length; i++)
        {
            if (i < s.Length && !separator(s[i])) continue;
            yield return s[start..i];
            start = i + 1;
        }
    }
}
