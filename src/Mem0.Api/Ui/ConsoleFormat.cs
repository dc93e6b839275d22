using System.Globalization;

namespace Mem0.Api.Ui;

/// <summary>How the console writes times and numbers: UTC, to the minute, the same on every page.</summary>
public static class ConsoleFormat
{
    public static string When(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "—";

    /// <summary>The machine-readable form for a `time` element's datetime attribute.</summary>
    public static string Iso(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "";

    public static string Number(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A long text cut to <paramref name="max"/> characters for a table cell (the memory's page shows it whole).</summary>
    public static string Short(string? text, int max = 160) =>
        text is null ? "" : text.Length <= max ? text : text[..(max - 1)] + "…";
}
