namespace Mem0.Settings.Validation;

public sealed class ServerOptionsValidator : ModuleOptionsValidator<ServerOptions>
{
    protected override void Check(ServerOptions s, List<string> problems) =>
        Require(problems, s.DefaultUserId, "MEM0_DEFAULT_USER_ID", "the single user of this store, e.g. default-user");
}
