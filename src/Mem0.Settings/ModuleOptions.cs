namespace Mem0.Settings;

/// <summary>
/// One module's options. Values that could not be read (a port that is not a number) are kept as problems, so the
/// module's validator reports them with its own checks.
/// </summary>
public abstract record ModuleOptions
{
    public IReadOnlyList<string> ParseErrors { get; init; } = [];
}
