namespace Mem0.Contracts.Model;

/// <summary>mem0's names for what a decision did to a memory.</summary>
public static class MemoryEventKind
{
    public const string Add = "ADD";
    public const string Update = "UPDATE";
    public const string Delete = "DELETE";
    public const string None = "NONE";
}
