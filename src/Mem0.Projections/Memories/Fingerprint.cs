using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Mem0.Contracts.Model;

namespace Mem0.Projections.Memories;

/// <summary>
/// The normalised content fingerprint of the guide: lowercased, whitespace collapsed, SHA-256 in hex. Two adds
/// that differ only in case or spacing have the same fingerprint and so store one memory.
/// </summary>
public static partial class Fingerprint
{
    public static string Of(string text) => Hash(Normalise(text));

    /// <summary>A transcript is fingerprinted turn by turn, roles included, so the same words said by another role differ.</summary>
    public static string Of(IEnumerable<ChatMessage> messages) =>
        Hash(string.Join('\n', messages.Select(m => $"{Normalise(m.Role)}: {Normalise(m.Content)}")));

    public static string Normalise(string text) => Whitespace().Replace(text, " ").Trim().ToLowerInvariant();

    private static string Hash(string normalised) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
