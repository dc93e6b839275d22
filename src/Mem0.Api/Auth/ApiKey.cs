using System.Security.Cryptography;
using System.Text;

namespace Mem0.Api.Auth;

/// <summary>
/// The static bearer key. Compared in constant time over SHA-256 digests, so neither the content nor the length
/// of the real key leaks through timing. Never logged, never echoed.
/// </summary>
public sealed class ApiKey(string key)
{
    private readonly string _key = key;
    private readonly byte[] _digest = SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public bool Matches(string candidate) =>
        CryptographicOperations.FixedTimeEquals(_digest, SHA256.HashData(Encoding.UTF8.GetBytes(candidate)));

    /// <summary>A salted, slow digest of the key, to notice a rotation without storing the key (<see cref="OAuth.OwnerKeyRotation"/>).</summary>
    public byte[] Derive(byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(_key), salt, iterations, HashAlgorithmName.SHA256, 32);

    /// <summary>An HMAC of <paramref name="label"/> under the key: tells keys apart without storing or revealing one.</summary>
    public byte[] Digest(string label) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(_key), Encoding.UTF8.GetBytes(label));

    public override string ToString() => "ApiKey(***)";
}
