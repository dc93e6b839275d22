namespace Mem0.Api.Errors;

public static class ErrorResponses
{
    /// <summary>Declares the error shape for the statuses every `/api/v1` route can answer, so the OpenAPI document shows it.</summary>
    public static RouteGroupBuilder ProducesErrors(this RouteGroupBuilder group)
    {
        foreach (var status in new[] { 401, 404, 422, 500, 502, 503, 504 })
        {
            group.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ErrorBody), ["application/json"]));
        }
        return group;
    }
}
