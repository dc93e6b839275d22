namespace Mem0.QdrantStandIn;

/// <summary>
/// Runs the stand-in on its own, for trying the server's Qdrant mode by hand:
/// `dotnet Mem0.QdrantStandIn.dll [grpc-port=6334] [rest-port=6333] [api-key]`. (A named class, not top-level
/// statements: those make a public `Program` that would clash with the server's in the test project.)
/// </summary>
internal static class StandInProgram
{
    public static async Task Main(string[] args)
    {
        var grpc = args.Length > 0 ? int.Parse(args[0]) : 6334;
        var rest = args.Length > 1 ? int.Parse(args[1]) : 6333;
        await using var standIn = await QdrantStandIn.StartAsync(grpc, rest, args.Length > 2 ? args[2] : null);
        Console.WriteLine($"Qdrant stand-in {standIn.Version}: gRPC {standIn.GrpcUrl}, REST {standIn.RestUrl}. Ctrl+C stops it.");
        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };
        await stop.Task;
    }
}
