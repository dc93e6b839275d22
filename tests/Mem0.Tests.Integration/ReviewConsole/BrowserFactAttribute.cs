using Mem0.Tests.Integration.Field;

namespace Mem0.Tests.Integration.ReviewConsole;

/// <summary>
/// A browser test: the published server behind nginx (as <see cref="FieldFactAttribute"/>) and Debian's chromium
/// (MEM0_TEST_CHROMIUM, which ops/test.sh sets after installing the package). Without either it is reported skipped,
/// saying which is missing.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public static string? Chromium =>
        Environment.GetEnvironmentVariable("MEM0_TEST_CHROMIUM") is { Length: > 0 } path ? path
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;

    public BrowserFactAttribute()
    {
        if (FieldFactAttribute.App is null) Skip = "MEM0_TEST_FIELD_APP is not set: the browser tests need the published server and nginx, which ops/test.sh prepares.";
        else if (Chromium is null) Skip = "chromium is not installed: ops/test.sh installs Debian's package (ops/services.sh start chromium).";
    }
}
