namespace Mem0.Bench;

/// <param name="Ca">A CA certificate (PEM) to trust for an https base URL, as a test proxy's throwaway CA.</param>
/// <param name="Resolve">`HOST:ADDRESS`: connect to ADDRESS for HOST, as curl's --resolve, without touching the machine's files.</param>
public sealed record BenchOptions(string BaseUrl, string ApiKey, int N, int Warmup, bool SearchOnly, int Memories, string? Only,
    string? Ca = null, string? Resolve = null)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new BenchOptions(
            Arg("--base-url") ?? Environment.GetEnvironmentVariable("MEM0_URL") ?? "http://127.0.0.1:8000",
            Arg("--api-key") ?? Environment.GetEnvironmentVariable("MEM0_API_KEY") ?? throw new ArgumentException("--api-key or MEM0_API_KEY is required"),
            int.Parse(Arg("--n") ?? "200"),
            int.Parse(Arg("--warmup") ?? "20"),
            args.Contains("--search-only"),
            int.Parse(Arg("--memories") ?? "0"),
            Arg("--only"),
            Arg("--ca"),
            Arg("--resolve"));
    }
}
