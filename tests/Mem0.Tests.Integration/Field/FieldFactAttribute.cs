namespace Mem0.Tests.Integration.Field;

/// <summary>
/// A rehearsal test: it needs the published server (MEM0_TEST_FIELD_APP, set by ops/test.sh after `dotnet publish`)
/// and runs ops/field.sh, which installs nginx when missing. Without the published server it is reported skipped.
/// </summary>
public sealed class FieldFactAttribute : FactAttribute
{
    public static string? App => Environment.GetEnvironmentVariable("MEM0_TEST_FIELD_APP");

    public FieldFactAttribute()
    {
        if (App is null) Skip = "MEM0_TEST_FIELD_APP is not set: the rehearsal needs the published server and nginx, which ops/test.sh prepares.";
    }
}
