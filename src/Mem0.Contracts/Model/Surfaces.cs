namespace Mem0.Contracts.Model;

public static class Surfaces
{
    public const string Rest = "rest";
    public const string Mcp = "mcp";
    public const string Cli = "cli";

    /// <summary>The review console in the browser (`/ui`).</summary>
    public const string Console = "console";
}
