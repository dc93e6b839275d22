using System.Text.Json;
using Mem0.Api.Admin;
using Mem0.Api.Auth;
using Mem0.Api.Auth.OAuth;
using Mem0.Api.Bus;
using Mem0.Api.Configuration;
using Mem0.Api.Errors;
using Mem0.Api.Health;
using Mem0.Api.Mcp;
using Mem0.Api.Observability;
using Mem0.Api.Memories;
using Mem0.Api.Sources;
using Mem0.Api.Ui;
using Mem0.Extractor;
using Mem0.Settings;
using Mem0.Projections.Store;
using Mem0.Scheduler;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;

namespace Mem0.Api.Hosting;

public static class ApiSetup
{
    public static WebApplicationBuilder AddMem0(this WebApplicationBuilder builder, Mem0Settings settings)
    {
        builder.AddMem0Logging(settings.Server);
        var services = builder.Services;
        // Each part is given its own module's options; all of them are validated again at start (ValidateOnStart).
        services.AddMem0Options(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new ApiKey(settings.Auth.ApiKey!));
        Observability.HostOnlyHttpLogger.AddTo(services);
        services.AddMem0RequestBodyLimit();
        services.AddSingleton<Health.HealthCache>();
        services.AddSingleton<Auth.Limits.AuthFailureLimiter>();
        services.AddSingleton<Auth.Limits.AuthSurfaces>();
        // On SIGTERM Kestrel stops accepting at once; requests in flight get this long to finish. A write is one
        // transaction, so one cut short by the deadline is rolled back whole, never half-applied.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip;
        });
        // Body binding failures become exceptions, so the one exception handler gives them the error shape.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ApiExceptionHandler>();
        var authentication = services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddMem0Access();

        var server = settings.Server;
        services.AddMem0Embeddings(settings.Ai);
        services.AddMem0Projections(settings);
        if (server.Runs(ServerRole.Extractor)) services.AddMem0Extractor(settings.Ai);
        services.AddSingleton<Mem0.Extractor.Memories.ReExtract.ReExtraction>();
        services.AddMem0Bus(settings);
        services.AddMemoryHandlers();
        if (server.Runs(ServerRole.Api))
        {
            services.AddMem0JobsDashboard(authentication);
            services.AddMem0Console(authentication);
            services.AddMem0Digest();
            services.AddMem0Mcp();
            services.AddMem0Docs();
            if (settings.Auth.OAuthEnabled()) services.AddMem0OAuth(settings.Auth, settings.Store);
        }
        // The dashboard (api) and the job runner (scheduler) share Hangfire's storage.
        if (server.Runs(ServerRole.Api) || server.Runs(ServerRole.Scheduler)) services.AddMem0Hangfire(settings);
        if (server.Runs(ServerRole.Scheduler)) services.AddMem0Scheduler(settings);
        return builder;
    }

    public static WebApplication UseMem0(this WebApplication app, Mem0Settings settings)
    {
        // First: everything after it (logs, limits, the /mcp Host check, OAuth's URLs) sees the client's address,
        // scheme and host, not the proxy's.
        var api = settings.Server.Runs(ServerRole.Api);
        app.UseMem0ForwardedHeaders(settings.Auth);
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<RequestTelemetryMiddleware>();
        app.UseMem0RequestBodyLimit();
        app.UseExceptionHandler(_ => { });
        app.UseErrorShapeForStatusCodes();
        if (api) app.UseMem0McpOriginCheck();
        if (api) app.UseMem0Console();
        app.UseMiddleware<Auth.Limits.AuthFailureLimitMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        if (api) app.UseMem0McpScopeCheck();
        // After authorization: a request without the key gets its 401 and never claims an idempotency key.
        app.UseWhen(http => http.User.Identity?.IsAuthenticated == true, b => b.UseMiddleware<Idempotency.IdempotencyMiddleware>());
        app.MapHealth();
        app.MapMem0Metrics();
        if (api)
        {
            app.MapMemories();
            app.MapSources();
            app.MapAdmin();
            app.MapMem0Console();
            app.MapMem0Mcp();
            app.MapMem0Docs();
            if (settings.Auth.OAuthEnabled()) app.MapMem0OAuth();
            app.UseMem0JobsDashboard();
        }
        return app;
    }
}
