namespace Mem0.Tests.Integration.Fixtures;

/// <summary>
/// The one way tests wait for something asynchronous: poll a condition until it holds or the deadline passes, then
/// fail saying what was awaited (and, when given, what the system looked like), never a bare sleep.
/// </summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan within, string what, Func<Task<string>>? state = null,
        TimeSpan? every = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {within.TotalSeconds:0} s for {what}." + (state is null ? "" : "\n" + await state()));
            }
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(50));
        }
    }

    public static Task HoldsAsync(Func<bool> condition, TimeSpan within, string what, Func<string>? state = null, TimeSpan? every = null) =>
        HoldsAsync(() => Task.FromResult(condition()), within, what, state is null ? null : () => Task.FromResult(state()), every);
}
