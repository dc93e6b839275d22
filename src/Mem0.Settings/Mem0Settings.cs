using Microsoft.Extensions.Configuration;

namespace Mem0.Settings;

/// <summary>
/// Every environment variable the server reads, with the guide's defaults, bound once at start into one options
/// record per module. The composition root (Program, the CLI) reads this to choose what to run; each part is given
/// only its own module's options (see <see cref="OptionsRegistration"/>).
/// </summary>
public sealed record Mem0Settings
{
    public ServerOptions Server { get; init; } = new();
    public EventStoreOptions Store { get; init; } = new();
    public BusOptions Bus { get; init; } = new();
    public VectorIndexOptions Vectors { get; init; } = new();
    public AiOptions Ai { get; init; } = new();
    public AuthOptions Auth { get; init; } = new();
    public BackupOptions Backups { get; init; } = new();
    public DigestOptions Digest { get; init; } = new();

    public static Mem0Settings Load(IConfiguration config)
    {
        var reader = new SettingsReader(config);
        return new Mem0Settings
        {
            Server = ServerOptions.Read(reader),
            Store = EventStoreOptions.Read(reader),
            Bus = BusOptions.Read(reader),
            Vectors = VectorIndexOptions.Read(reader),
            Ai = AiOptions.Read(reader),
            Auth = AuthOptions.Read(reader),
            Backups = BackupOptions.Read(reader),
            Digest = DigestOptions.Read(reader),
        };
    }
}
