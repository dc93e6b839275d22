using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Mem0.Tests.Integration.Fixtures;

/// <summary>
/// The local S3-compatible server ops/test.sh starts (s3rver), reached with the real AWS SDK. Each user gets a
/// bucket of its own. Without MEM0_TEST_S3_URL the S3 tests are skipped and say why.
/// </summary>
public static class S3StandIn
{
    public const string Key = "S3RVER";
    public const string Secret = "S3RVER";
    public static string? Url => Environment.GetEnvironmentVariable("MEM0_TEST_S3_URL");
    public const string SkipReason = "MEM0_TEST_S3_URL is not set: the S3 backup tests need the local S3 server ops/test.sh starts (ops/services.sh start s3).";

    public static AmazonS3Client Client() => new(new BasicAWSCredentials(Key, Secret), new AmazonS3Config
    {
        ServiceURL = Url, ForcePathStyle = true, AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    public static async Task<string> NewBucketAsync()
    {
        var bucket = "mem0-test-" + Guid.NewGuid().ToString("N")[..12];
        using var s3 = Client();
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        return bucket;
    }

    /// <summary>The server settings that send backups to <paramref name="bucket"/>.</summary>
    public static Dictionary<string, string?> Settings(string bucket) => new()
    {
        ["S3_BUCKET"] = bucket, ["S3_ENDPOINT"] = Url, ["AWS_ACCESS_KEY_ID"] = Key, ["AWS_SECRET_ACCESS_KEY"] = Secret,
    };

    public static async Task<List<string>> KeysAsync(string bucket)
    {
        using var s3 = Client();
        var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        return (page.S3Objects ?? []).Select(o => o.Key).OrderBy(k => k).ToList();
    }
}

/// <summary>A fact that runs only where the local S3 server is up, and says so when skipped.</summary>
public sealed class S3FactAttribute : FactAttribute
{
    public S3FactAttribute()
    {
        if (S3StandIn.Url is null) Skip = S3StandIn.SkipReason;
    }
}
