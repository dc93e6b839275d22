namespace Mem0.Projections.Store;

/// <summary>
/// PostgreSQL advisory locks are database-wide, so a lock taken for one schema must not collide with the same
/// purpose in another schema of the same database (two servers, or the tests' many hosts).
/// </summary>
public static class AdvisoryLockKeys
{
    public static int For(string purpose, string schema)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{purpose}:{schema}"));
        return BitConverter.ToInt32(hash, 0) & int.MaxValue;
    }
}
