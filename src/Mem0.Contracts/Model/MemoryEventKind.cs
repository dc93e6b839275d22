namespace Mem0.Contracts.Model;

/// <summary>mem0's names for what a decision did to a memory.</summary>
public static class MemoryEventKind
{
    public const string Add = "ADD";
    public const string Update = "UPDATE";
    public const string Delete = "DELETE";
    public const string None = "NONE";

    /// <summary>A deleted memory brought back (undelete, or an input's undo); not one of mem0's, which has no undo.</summary>
    public const string Restore = "RESTORE";

    /// <summary>The governance keys changed (review status, expiry), the text did not; not one of mem0's either.</summary>
    public const string Review = "REVIEW";
}
