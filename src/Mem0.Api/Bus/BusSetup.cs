using MassTransit;
using Mem0.Extractor;
using Mem0.Settings;
using Mem0.Settings.Validation;

namespace Mem0.Api.Bus;

public static class BusSetup
{
    /// <summary>
    /// RabbitMQ when RABBITMQ_URL is set, MassTransit's in-memory transport otherwise (the zero-setup local run).
    /// The extractor role hosts the command consumers; the api role only sends.
    /// </summary>
    public static IServiceCollection AddMem0Bus(this IServiceCollection services, Mem0Settings settings)
    {
        services.AddBusOptions(settings.Bus);
        var consumes = settings.Server.Runs(ServerRole.Extractor);
        services.AddMassTransit(x =>
        {
            if (consumes) x.AddMem0Consumers();

            if (settings.Bus.RabbitMqUrl is { } url)
            {
                var uri = new Uri(url);
                x.UsingRabbitMq((context, cfg) =>
                {
                    var (user, password) = Credentials(uri);
                    var vhost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
                    cfg.Host(uri.Host, (ushort)(uri.IsDefaultPort || uri.Port <= 0 ? 5672 : uri.Port), vhost.Length == 0 ? "/" : vhost, h =>
                    {
                        h.Username(user);
                        h.Password(password);
                        if (uri.Scheme == "amqps") h.UseSsl(s => s.Protocol = System.Security.Authentication.SslProtocols.Tls12);
                    });
                    if (consumes) cfg.ConfigureMem0Endpoints(context, settings.Bus.BusPrefix);
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) =>
                {
                    if (consumes) cfg.ConfigureMem0Endpoints(context, settings.Bus.BusPrefix);
                });
            }
        });
        services.AddHttpContextAccessor().AddSingleton<CommandSender>().AddSingleton<CommandIds>();
        return services;
    }

    private static (string User, string Password) Credentials(Uri uri)
    {
        if (string.IsNullOrEmpty(uri.UserInfo)) return ("guest", "guest");
        var parts = uri.UserInfo.Split(':', 2);
        return (Uri.UnescapeDataString(parts[0]), parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "");
    }
}
