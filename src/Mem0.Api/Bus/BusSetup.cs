using MassTransit;
using Mem0.Extractor;
using Mem0.Projections.Configuration;

namespace Mem0.Api.Bus;

public static class BusSetup
{
    /// <summary>
    /// RabbitMQ when RABBITMQ_URL is set, MassTransit's in-memory transport otherwise (the zero-setup local run).
    /// The extractor role hosts the command consumers; the api role only sends.
    /// </summary>
    public static IServiceCollection AddMem0Bus(this IServiceCollection services, Mem0Settings settings)
    {
        services.AddMassTransit(x =>
        {
            if (settings.HasRole("extractor")) x.AddMem0Consumers();

            if (settings.RabbitMqUrl is { } url)
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
                    if (settings.HasRole("extractor")) cfg.ConfigureMem0Endpoints(context, settings.BusPrefix);
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) =>
                {
                    if (settings.HasRole("extractor")) cfg.ConfigureMem0Endpoints(context, settings.BusPrefix);
                });
            }
        });
        services.AddSingleton<CommandSender>();
        return services;
    }

    private static (string User, string Password) Credentials(Uri uri)
    {
        if (string.IsNullOrEmpty(uri.UserInfo)) return ("guest", "guest");
        var parts = uri.UserInfo.Split(':', 2);
        return (Uri.UnescapeDataString(parts[0]), parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "");
    }
}
