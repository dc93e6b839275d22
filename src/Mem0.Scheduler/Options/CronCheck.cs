using Cronos;

namespace Mem0.Scheduler.Options;

internal static class CronCheck
{
    /// <summary>Why a cron variable cannot be scheduled, or null. Hangfire reads five fields, or six with seconds first.</summary>
    public static string? Problem(string variable, string cron)
    {
        try
        {
            CronExpression.Parse(cron, cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            return null;
        }
        catch (CronFormatException ex)
        {
            return $"{variable} must be a five-field cron expression in UTC, e.g. 0 3 * * * (got '{cron}': {ex.Message}).";
        }
    }
}
