using System.Globalization;
using System.Security.Cryptography;
using Zhongcao.Storage.Abstractions;

namespace Zhongcao.Storage;

/// <summary>
/// Snapshots as files in a folder: written to a temporary file, flushed to disk, then renamed, so a crash
/// leaves either the old set or the new file complete. Each file ends with a SHA-256 of its content; a
/// damaged file is skipped (and the log replayed from an older snapshot or from the start).
/// </summary>
public sealed class FileSnapshotStore : ISnapshotStore
{
    private const string Prefix = "snapshot-";
    private const string Suffix = ".zcs";
    private readonly string _directory;
    private readonly int _keep;

    /// <param name="directory">Folder for snapshot files (created if missing).</param>
    /// <param name="keep">How many snapshots to keep: 2, so a damaged newest one still leaves one to start from.</param>
    public FileSnapshotStore(string directory, int keep = 2)
    {
        _directory = directory;
        _keep = Math.Max(1, keep);
        Directory.CreateDirectory(directory);
    }

    public void Save(long position, ReadOnlySpan<byte> snapshot)
    {
        var final = Path.Combine(_directory, $"{Prefix}{position:D20}{Suffix}");
        var temp = final + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            file.Write(snapshot);
            file.Write(SHA256.HashData(snapshot));
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, final, overwrite: true);
        foreach (var old in Files().Skip(_keep))
        {
            File.Delete(old.Path);
        }
    }

    public IReadOnlyList<(long Position, Func<byte[]> Load)> List() =>
        Files().Select(f => (f.Position, (Func<byte[]>)(() => Read(f.Path)))).ToList();

    private IEnumerable<(long Position, string Path)> Files() =>
        Directory.EnumerateFiles(_directory, Prefix + "*" + Suffix)
            .Select(p => (Position: ParsePosition(p), Path: p))
            .Where(f => f.Position >= 0)
            .OrderByDescending(f => f.Position);

    private static long ParsePosition(string path)
    {
        var name = Path.GetFileName(path);
        var digits = name[Prefix.Length..^Suffix.Length];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : -1;
    }

    private static byte[] Read(string path)
    {
        var all = File.ReadAllBytes(path);
        if (all.Length < 32)
        {
            throw new InvalidDataException($"Snapshot {path} is truncated.");
        }

        var content = all.AsSpan(0, all.Length - 32);
        if (!SHA256.HashData(content).AsSpan().SequenceEqual(all.AsSpan(all.Length - 32)))
        {
            throw new InvalidDataException($"Snapshot {path} fails its checksum.");
        }

        return content.ToArray();
    }
}
