namespace Mem0.Contracts.Commands;

/// <summary>
/// Commands are sent to named queues, not published, so exactly one extractor handles each. The prefix
/// (MEM0_BUS_PREFIX) lets several deployments, or test hosts, share one broker without taking each other's work.
/// </summary>
public static class CommandQueues
{
    public static string AddMemory(string prefix) => $"{prefix}-add-memory";
    public static string AddMemories(string prefix) => $"{prefix}-add-memories";
    public static string UpdateMemory(string prefix) => $"{prefix}-update-memory";
    public static string DeleteMemory(string prefix) => $"{prefix}-delete-memory";
    public static string DeleteMemories(string prefix) => $"{prefix}-delete-memories";
    public static string Rewind(string prefix) => $"{prefix}-rewind";
    public static string ReviewMemories(string prefix) => $"{prefix}-review-memories";
    public static string Ping(string prefix) => $"{prefix}-ping";
}
