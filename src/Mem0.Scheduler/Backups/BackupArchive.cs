using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace Mem0.Scheduler.Backups;

/// <summary>
/// A backup unpacked into a temporary folder and checked against its manifest (format, every file's SHA-256 and
/// row count) before anything is written to the database. Deleting it removes the folder.
/// </summary>
public sealed class BackupArchive : IDisposable
{
    public BackupManifest Manifest { get; }
    private readonly DirectoryInfo _folder;

    private BackupArchive(BackupManifest manifest, DirectoryInfo folder) => (Manifest, _folder) = (manifest, folder);

    public string PathOf(BackupTable table) => Path.Combine(_folder.FullName, table.File);

    public static async Task<BackupArchive> OpenAsync(string file, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("mem0-restore-");
        try
        {
            try
            {
                await using var input = File.OpenRead(file);
                await using var gzip = new GZipStream(input, CompressionMode.Decompress);
                await TarFile.ExtractToDirectoryAsync(gzip, folder.FullName, overwriteFiles: false, ct);
            }
            catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
            {
                throw new BackupException($"{file} is not a mem0 backup archive (a tar.gz): {ex.Message}");
            }
            var manifestPath = Path.Combine(folder.FullName, BackupManifest.FileName);
            if (!File.Exists(manifestPath)) throw new BackupException($"{file} has no {BackupManifest.FileName}; it is not a mem0 backup.");
            var manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllBytesAsync(manifestPath, ct), BackupManifest.Json)
                           ?? throw new BackupException($"{file}: the manifest is empty.");
            if (manifest.Format != BackupManifest.FormatName || manifest.FormatVersion > BackupManifest.CurrentFormatVersion)
            {
                throw new BackupException($"{file} is format {manifest.Format} v{manifest.FormatVersion}; this build reads " +
                                          $"{BackupManifest.FormatName} up to v{BackupManifest.CurrentFormatVersion}.");
            }
            var archive = new BackupArchive(manifest, folder);
            foreach (var table in manifest.Tables) await archive.VerifyAsync(table, ct);
            if (manifest.QdrantSnapshot is { } snapshot) await archive.VerifySnapshotAsync(snapshot, ct);
            return archive;
        }
        catch
        {
            folder.Delete(recursive: true);
            throw;
        }
    }

    private async Task VerifyAsync(BackupTable table, CancellationToken ct)
    {
        var path = await VerifyChecksumAsync(table.File, table.Sha256, ct);
        await using var input = File.OpenRead(path);
        long rows = 0;
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await input.ReadAsync(buffer, ct)) > 0) rows += buffer.AsSpan(0, read).Count((byte)'\n');
        if (rows != table.Rows) throw new BackupException($"{table.File} has {rows} rows; its manifest says {table.Rows}.");
    }

    private Task VerifySnapshotAsync(QdrantSnapshotFile snapshot, CancellationToken ct) => VerifyChecksumAsync(snapshot.File, snapshot.Sha256, ct);

    /// <summary>The unpacked path of a file the manifest lists, once it is there with the SHA-256 the manifest gives.</summary>
    private async Task<string> VerifyChecksumAsync(string file, string sha256, CancellationToken ct)
    {
        var path = Path.Combine(_folder.FullName, file);
        if (!File.Exists(path)) throw new BackupException($"The backup lacks {file}, which its manifest lists.");
        await using var input = File.OpenRead(path);
        if (Convert.ToHexStringLower(await SHA256.HashDataAsync(input, ct)) != sha256)
        {
            throw new BackupException($"{file} does not match its checksum in the manifest; the backup is damaged.");
        }
        return path;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
