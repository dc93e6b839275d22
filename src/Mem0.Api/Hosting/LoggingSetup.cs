using Mem0.Settings;

namespace Mem0.Api.Hosting;

public static class LoggingSetup
{
    /// <summary>JSON lines at LOG_LEVEL. Framework chatter stays at warning unless DEBUG is asked for.</summary>
    public static WebApplicationBuilder AddMem0Logging(this WebApplicationBuilder builder, ServerOptions settings)
    {
        var level = settings.LogLevel;
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.SetMinimumLevel(level);
        var framework = level < LogLevel.Information ? level : LogLevel.Warning;
        builder.Logging.AddFilter("Microsoft", framework);
        builder.Logging.AddFilter("System", framework);
        builder.Logging.AddFilter("Marten", framework);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        // OpenIddict logs every extracted OAuth request with its parameters at Information and below, and the
        // consent form's MEM0_API_KEY field is one of them: never below Warning, whatever LOG_LEVEL says.
        builder.Logging.AddFilter("OpenIddict", LogLevel.Warning);
        return builder;
    }
}
