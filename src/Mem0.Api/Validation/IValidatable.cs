namespace Mem0.Api.Validation;

/// <summary>A request body that can say what is wrong with it, in words a client can act on.</summary>
public interface IValidatable
{
    /// <returns>null when valid, else one sentence naming the field.</returns>
    string? Validate();
}
