namespace Mem0.Tests.Integration.Fixtures;

/// <summary>A clock the test moves by hand, so ages and expiry are exact and nothing sleeps.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;
    public override DateTimeOffset GetUtcNow() => Now;
    public void Advance(TimeSpan by) => Now += by;
}
