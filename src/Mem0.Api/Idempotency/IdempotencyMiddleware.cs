using System.Security.Cryptography;
using System.Text;
using Marten;
using Mem0.Api.Errors;
using Mem0.Settings;
using Mem0.Projections.Store;

namespace Mem0.Api.Idempotency;

/// <summary>
/// `Idempotency-Key` on every POST under `/api/v1` (IETF httpapi draft): the first response for a key is stored
/// and replayed, with `Idempotent-Replayed: true`, to retries with the same body for MEM0_IDEMPOTENCY_TTL_HOURS;
/// the same key with a different body is 422; a retry while the first is still running is 409. A 5xx or a
/// crash is not stored, so the retry runs again. This sits beside the content fingerprint, for webhook and n8n
/// retries whose bodies differ in timestamps. A claim is a lease: one still unfinished after the bus timeout and a
/// margin (<see cref="Lease"/>) belongs to a request whose process died (a live one has answered 504 by then and let
/// go), so a retry takes it over instead of getting 409 for the rest of the day.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IDocumentStore store, ServerOptions settings, BusOptions bus, TimeProvider clock)
{
    /// <summary>Past the bus timeout, the time a request spends around its command (the fingerprint read, the reply).</summary>
    public static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(30);

    private TimeSpan Lease => bus.BusTimeout + LeaseMargin;

    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Path.StartsWithSegments("/api/v1")
            || !http.Request.Headers.TryGetValue(Header, out var raw))
        {
            await next(http);
            return;
        }
        var key = raw.ToString().Trim().Trim('"');
        if (key.Length is 0 or > 128 || !key.All(c => c is > ' ' and <= '~'))
        {
            await ErrorBody.WriteAsync(http, StatusCodes.Status422UnprocessableEntity, ErrorCodes.Validation,
                "Idempotency-Key must be 1-128 visible ASCII characters.");
            return;
        }

        http.Request.EnableBuffering();
        using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hasher.AppendData(Encoding.UTF8.GetBytes($"{http.Request.Method} {http.Request.Path}\n"));
        await using (var copy = new MemoryStream())
        {
            await http.Request.Body.CopyToAsync(copy, http.RequestAborted);
            hasher.AppendData(copy.ToArray());
        }
        http.Request.Body.Position = 0;
        var hash = Convert.ToHexString(hasher.GetHashAndReset());
        var id = $"{http.Request.Path}|{key}";

        if (await ClaimAsync(id, hash, http.RequestAborted) is { } existing)
        {
            await AnswerRetryAsync(http, existing, hash);
            return;
        }

        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        var stored = false;
        try
        {
            await next(http);
            buffer.Position = 0;
            if (http.Response.StatusCode < 500)
            {
                await CompleteAsync(id, http.Response.StatusCode, http.Response.ContentType, Encoding.UTF8.GetString(buffer.ToArray()));
                stored = true;
            }
            buffer.Position = 0;
            await buffer.CopyToAsync(original, http.RequestAborted);
        }
        finally
        {
            http.Response.Body = original;
            if (!stored) await ReleaseAsync(id);
        }
    }

    /// <summary>Null when this request now owns the key; else the record of the request that does.</summary>
    private async Task<IdempotencyRecord?> ClaimAsync(string id, string hash, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await using var session = store.LightweightSession();
            var existing = await session.LoadAsync<IdempotencyRecord>(id, ct);
            // Taken over only by the same request: a key reused for another body stays a 422.
            var abandoned = existing is { Completed: false } && existing.CreatedAt + Lease < now && existing.RequestHash == hash;
            if (existing is not null && !abandoned && existing.CreatedAt + TimeSpan.FromHours(settings.IdempotencyTtlHours) > now) return existing;
            if (existing is not null) session.Delete(existing);
            session.Insert(new IdempotencyRecord { Id = id, RequestHash = hash, CreatedAt = now });
            try
            {
                await session.SaveChangesAsync(ct);
                return null;
            }
            catch (Exception ex) when (StoreErrors.IsUniqueViolation(ex))
            {
                // Another request claimed it between the read and the insert: read again and answer as a retry.
            }
        }
        await using var last = store.QuerySession();
        return await last.LoadAsync<IdempotencyRecord>(id, ct);
    }

    private static async Task AnswerRetryAsync(HttpContext http, IdempotencyRecord existing, string hash)
    {
        if (existing.RequestHash != hash)
        {
            await ErrorBody.WriteAsync(http, StatusCodes.Status422UnprocessableEntity, ErrorCodes.Validation,
                "This Idempotency-Key was already used with a different request body.");
            return;
        }
        if (!existing.Completed)
        {
            await ErrorBody.WriteAsync(http, StatusCodes.Status409Conflict, ErrorCodes.Conflict,
                "A request with this Idempotency-Key is still being processed; retry after it finishes.");
            return;
        }
        http.Response.StatusCode = existing.Status;
        http.Response.ContentType = existing.ContentType;
        http.Response.Headers[ReplayedHeader] = "true";
        await http.Response.WriteAsync(existing.Body ?? "", http.RequestAborted);
    }

    private async Task CompleteAsync(string id, int status, string? contentType, string body)
    {
        await using var session = store.LightweightSession();
        var record = await session.LoadAsync<IdempotencyRecord>(id);
        if (record is null) return;
        (record.Completed, record.Status, record.ContentType, record.Body) = (true, status, contentType, body);
        session.Update(record);
        await session.SaveChangesAsync();
    }

    private async Task ReleaseAsync(string id)
    {
        await using var session = store.LightweightSession();
        session.Delete<IdempotencyRecord>(id);
        await session.SaveChangesAsync();
    }
}
