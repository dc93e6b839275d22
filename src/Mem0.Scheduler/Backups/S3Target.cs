using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Mem0.Settings;
using Microsoft.Extensions.Logging;

namespace Mem0.Scheduler.Backups;

/// <summary>
/// S3_BUCKET under S3_PREFIX, on AWS or any S3-compatible store (S3_ENDPOINT, path-style addressing). Objects
/// older than RETENTION_DAYS are pruned, their age read from the name's stamp (the clock that named them).
/// </summary>
public sealed class S3Target(BackupOptions settings, ILogger log) : IDisposable
{
    private readonly AmazonS3Client _s3 = Connect(settings);
    public string Bucket => settings.S3Bucket!;

    public string KeyFor(string name) => settings.S3Prefix.Length == 0 ? name : $"{settings.S3Prefix}/{name}";

    public string Describe(string key) => $"s3://{Bucket}/{key}";

    public async Task UploadAsync(string file, string key, CancellationToken ct)
    {
        // A signed whole-file upload rather than aws-chunked streaming, which some S3-compatible stores save verbatim.
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, FilePath = file, UseChunkEncoding = false }, ct);
    }

    public async Task DownloadAsync(string key, string file, CancellationToken ct)
    {
        try
        {
            using var response = await _s3.GetObjectAsync(Bucket, key, ct);
            await using var output = File.Create(file);
            await response.ResponseStream.CopyToAsync(output, ct);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new BackupException($"{Describe(key)} does not exist.");
        }
    }

    /// <summary>Every backup under the prefix, newest first.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken ct) => (await ListObjectsAsync(ct)).Select(o => o.Key).ToList();

    /// <summary>Every backup object under the prefix with its size, newest first.</summary>
    public async Task<IReadOnlyList<S3Object>> ListObjectsAsync(CancellationToken ct)
    {
        var objects = new List<S3Object>();
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = settings.S3Prefix.Length == 0 ? null : settings.S3Prefix + "/" };
        ListObjectsV2Response page;
        do
        {
            page = await _s3.ListObjectsV2Async(request, ct);
            objects.AddRange((page.S3Objects ?? []).Where(o => BackupNames.IsBackup(o.Key)));
            request.ContinuationToken = page.NextContinuationToken;
        } while (page.IsTruncated == true);
        return objects.OrderByDescending(o => BackupNames.TakenAt(o.Key)).ToList();
    }

    /// <summary>Deletes backups older than RETENTION_DAYS, never the newest one.</summary>
    public async Task<IReadOnlyList<string>> PruneAsync(DateTimeOffset now, CancellationToken ct)
    {
        var cutoff = now - TimeSpan.FromDays(settings.RetentionDays);
        var old = (await ListAsync(ct)).Skip(1).Where(k => BackupNames.TakenAt(k) < cutoff).ToList();
        foreach (var key in old)
        {
            await _s3.DeleteObjectAsync(Bucket, key, ct);
            log.LogInformation("Backup retention: deleted {Object} (older than {Days} days)", Describe(key), settings.RetentionDays);
        }
        return old;
    }

    private static AmazonS3Client Connect(BackupOptions s)
    {
        var config = new AmazonS3Config
        {
            // Checksums only where S3 requires them: S3-compatible stores do not all speak the newer trailers.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (s.S3Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = s.AwsRegion;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(s.AwsRegion);
        }
        return s.AwsAccessKeyId is { } id && s.AwsSecretAccessKey is { } secret
            ? new AmazonS3Client(new BasicAWSCredentials(id, secret), config)
            : new AmazonS3Client(config);
    }

    public void Dispose() => _s3.Dispose();
}
