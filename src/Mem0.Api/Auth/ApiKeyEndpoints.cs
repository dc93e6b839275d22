namespace Mem0.Api.Auth;

public static class ApiKeyEndpoints
{
    /// <summary>Every route of the group needs the static bearer key (REST, admin and MCP share this one rule).</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
}
