using System.Text.RegularExpressions;
using Mem0.Settings;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace Mem0.Tests.Unit.Deployment;

/// <summary>
/// No Docker engine runs here, so the deployment files are kept honest by reading them: every variable the
/// server reads (recorded while the real settings loader runs) must be in `.env.example` and passed to the app
/// by `docker-compose.yml`, and neither may list a variable the server does not read.
/// </summary>
public sealed partial class Deployment_files_specs
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void Env_example_lists_exactly_the_variables_the_server_reads()
    {
        var listed = EnvExampleVariables();
        var read = VariablesTheServerReads();

        Assert.Empty(read.Except(listed));
        Assert.Empty(listed.Except(read));
    }

    [Fact]
    public void The_compose_file_passes_every_variable_the_server_reads_to_the_app()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Root, "docker-compose.yml"))));
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        var app = (YamlMappingNode)services["app"];
        var environment = ((YamlMappingNode)app["environment"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet();
        var read = VariablesTheServerReads();

        Assert.Empty(read.Except(environment));
        Assert.Empty(environment.Except(read));
        Assert.All(new[] { "postgres", "rabbitmq", "qdrant" }, s => Assert.Contains(s, ((YamlMappingNode)app["depends_on"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value)));
    }

    /// <summary>`latest` drifts away from the client; the pinned image must be on Qdrant.Client's release line.</summary>
    [Fact]
    public void The_compose_file_pins_qdrant_to_the_client_s_release_line()
    {
        var image = Regex.Match(File.ReadAllText(Path.Combine(Root, "docker-compose.yml")), @"image: qdrant/qdrant:(?<tag>\S+)").Groups["tag"].Value;
        var client = Mem0.Projections.Vectors.Qdrant.QdrantVersions.Client;
        Assert.Matches($@"^v{client.Major}\.{client.Minor}\.\d+$", image);
    }

    [Fact]
    public void The_dockerfile_runs_the_api_as_a_non_root_user_with_a_healthcheck_and_captain_uses_it()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile"));
        Assert.Matches(@"(?m)^USER app$", dockerfile);
        Assert.Matches(@"(?m)^HEALTHCHECK .*\n?.*health", dockerfile);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"Mem0.Api.dll\"]", dockerfile);
        Assert.Contains("\"dockerfilePath\": \"./Dockerfile\"", File.ReadAllText(Path.Combine(Root, "captain-definition")));
    }

    private static HashSet<string> EnvExampleVariables() =>
        File.ReadLines(Path.Combine(Root, ".env.example"))
            .Select(l => EnvLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet();

    /// <summary>Runs the real loader over a configuration that records each key it is asked for.</summary>
    private static HashSet<string> VariablesTheServerReads()
    {
        var source = new RecordingSource();
        Mem0Settings.Load(new ConfigurationBuilder().Add(source).Build());
        return source.Provider.Asked.ToHashSet();
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Mem0.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Mem0.sln not found above the test binaries.");
    }

    [GeneratedRegex(@"^([A-Z][A-Z0-9_]*)=")]
    private static partial Regex EnvLine();

    private sealed class RecordingSource : IConfigurationSource
    {
        public RecordingProvider Provider { get; } = new();
        public IConfigurationProvider Build(IConfigurationBuilder builder) => Provider;
    }

    private sealed class RecordingProvider : ConfigurationProvider
    {
        public List<string> Asked { get; } = [];

        public override bool TryGet(string key, out string? value)
        {
            Asked.Add(key);
            value = null;
            return false;
        }
    }
}
