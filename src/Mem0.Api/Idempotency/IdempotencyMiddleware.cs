using System.Security.Cryptography;
using System.Text;
using Marten;
using Mem0.Api.Errors;
using Mem0.Settings;
using Mem0.Projections.Commands;
using Mem0.Projections.Store;

namespace Mem0.Api.Idempotency;

/// <summary>
/// `Idempotency-Key` on every POST, PUT and DELETE under `/api/v1` (IETF httpapi draft): the first response for a key
/// is stored and replayed, with `Idempotent-Replayed: true`, to retries with the same body for
/// MEM0_IDEMPOTENCY_TTL_HOURS; the same key with a different body is 422; a retry while the first is still running is
/// 409. A 5xx or a crash is not stored, so the retry runs again, as the same command (<see cref="Bus.CommandIds"/>): the
/// extractor's inbox answers it with the first run's result if that one got as far as storing. This sits beside the
/// content fingerprint, for webhook and n8n retries whose bodies differ in timestamps.
///
/// A claim is a lease the running request renews (<see cref="LeaseTime"/>, every <see cref="LeaseRenewal"/>): one
/// whose lease ran out belongs to a request whose process died, and a retry with the same body takes it over within
/// seconds instead of getting 409 for the rest of the day.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IDocumentStore store, ServerOptions settings, TimeProvider clock, ILogger<IdempotencyMiddleware> log)
{
    public static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan LeaseRenewal = TimeSpan.FromSeconds(5);

    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async Task InvokeAsync(HttpContext http)
    {
        var method = http.Request.Method;
        if (!(HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method)) || !http.Request.Path.StartsWithSegments("/api/v1")
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
        http.Items[Bus.CommandIds.ItemKey] = Bus.CommandIds.FromKey(id);

        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        var stored = false;
        using var renewal = new CancellationTokenSource();
        var renewing = RenewWhileRunningAsync(id, renewal.Token);
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
            await renewal.CancelAsync();
            await renewing;
            http.Response.Body = original;
            if (!stored) await ReleaseAsync(id);
        }
    }

    /// <summary>Keeps the claim's lease ahead of the clock while the request runs; a failed renewal is retried next tick.</summary>
    private async Task RenewWhileRunningAsync(string id, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(LeaseRenewal, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await using var session = store.LightweightSession();
                    if (await session.LoadAsync<IdempotencyRecord>(id, ct) is not { Completed: false } record) return;
                    record.LeaseUntil = clock.GetUtcNow() + LeaseTime;
                    session.Update(record);
                    await session.SaveChangesAsync(ct);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    log.LogWarning("Could not renew the claim of an idempotent request: {Message}", ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The request finished.
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
            var abandoned = existing is { Completed: false } && existing.LeaseUntil < now && existing.RequestHash == hash;
            if (existing is not null && !abandoned && existing.CreatedAt + TimeSpan.FromHours(settings.IdempotencyTtlHours) > now) return existing;
            if (existing is not null) session.Delete(existing);
            session.Insert(new IdempotencyRecord { Id = id, RequestHash = hash, CreatedAt = now, LeaseUntil = now + LeaseTime });
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
