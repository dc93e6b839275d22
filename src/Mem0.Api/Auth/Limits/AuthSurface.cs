namespace Mem0.Api.Auth.Limits;

/// <summary>
/// A limited surface: its name, how many failures a client gets in a window, how they are counted, and how its
/// 429 begins.
/// </summary>
public sealed record AuthSurface(string Name, int Limit, TimeSpan Window, AuthCounting Counting, string Refusal = AuthSurface.FailedAttempts)
{
    public const string FailedAttempts = "Too many failed authentication attempts";
}

public enum AuthCounting
{
    /// <summary>Where the credential is checked (the bearer handler, the consent form), only a presented one that fails.</summary>
    WhenRefused,

    /// <summary>By the response: a place is taken before the request and kept as a failure if it was refused.</summary>
    ByOutcome,

    /// <summary>Every request counts, before it runs.</summary>
    Every,
}
