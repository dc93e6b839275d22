using Mem0.Api.Configuration;
using Mem0.Api.Hosting;
using Mem0.Settings;

var builder = WebApplication.CreateBuilder(args);
var settings = Mem0Settings.Load(builder.Configuration);
if (settings.Server.IsLocalProfile && settings.Auth.PublicBaseUrl is null)
{
    settings = settings with { Auth = settings.Auth with { PublicBaseUrl = ListeningAddress.From(builder.Configuration) } };
}

var problems = Mem0Options.Problems(settings);
if (problems.Count > 0)
{
    foreach (var problem in problems) Console.Error.WriteLine($"mem0: configuration error: {problem}");
    Console.Error.WriteLine("mem0: not starting. See README.md, section Configuration.");
    return 2;
}

var app = builder.AddMem0(settings).Build();
app.UseMem0(settings);
try
{
    await app.RunAsync();
}
catch (Exception ex) when (StartupFailure.Describe(ex) is { } reason)
{
    Console.Error.WriteLine($"mem0: not starting: {reason}");
    return 2;
}
return 0;

public partial class Program;
