using Mem0.Settings;
using Npgsql;

namespace Mem0.Api.Hosting;

public static class StartupFailure
{
    /// <summary>
    /// Start-up failures a user can fix, said in one line with the variable to look at; null for anything else,
    /// which then surfaces as the crash it is.
    /// </summary>
    public static string? Describe(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StartupCheckException check:
                    return check.Message;
                case Microsoft.Extensions.Options.OptionsValidationException options:
                    // ValidateOnStart's: Program checks the same validators before building, so only a host
                    // built some other way gets here; it still says which variables to set.
                    return string.Join(" ", options.Failures);
                case NpgsqlException db:
                    // Npgsql's message names host and port, never the password.
                    return $"cannot use the PostgreSQL event store (check MEM0_DATABASE_URL): {db.Message}";
            }
        }
        return null;
    }
}
