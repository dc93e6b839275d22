using Microsoft.Extensions.Options;

namespace Mem0.Settings;

/// <summary>
/// A module's checks: the values that could not be read first, then <see cref="Check"/>. Each problem is a sentence
/// that names the variable to set, so a failed start says what to do.
/// </summary>
public abstract class ModuleOptionsValidator<T> : IValidateOptions<T> where T : ModuleOptions
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var problems = new List<string>(options.ParseErrors);
        Check(options, problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    protected abstract void Check(T options, List<string> problems);

    protected static void Require(List<string> problems, string? value, string variable, string why)
    {
        if (string.IsNullOrWhiteSpace(value)) problems.Add($"{variable} is required: {why}.");
    }

    /// <summary>Each set variable of the list must be an http(s) URL.</summary>
    protected static void RequireHttpUrls(List<string> problems, params (string Variable, string? Value)[] urls)
    {
        foreach (var (name, value) in urls)
        {
            if (value is not null && !(Uri.TryCreate(value, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"))
            {
                problems.Add($"{name} must be an http(s) URL (got '{value}').");
            }
        }
    }
}
