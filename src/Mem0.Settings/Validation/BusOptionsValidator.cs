namespace Mem0.Settings.Validation;

public sealed class BusOptionsValidator : ModuleOptionsValidator<BusOptions>
{
    protected override void Check(BusOptions s, List<string> problems)
    {
        if (s.RabbitMqUrl is { } rabbit &&
            !(Uri.TryCreate(rabbit, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps" or "rabbitmq"))
        {
            problems.Add("RABBITMQ_URL must look like amqp://user:pass@host:5672/vhost.");
        }
        if (s.BusTimeout <= TimeSpan.Zero) problems.Add("MEM0_BUS_TIMEOUT_SECONDS must be greater than 0.");
    }
}
