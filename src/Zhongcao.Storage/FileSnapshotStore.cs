using System.Globalization;
using System.Security.Cryptography;
using Zhongcao.Storage.Abstractions;

namespace Zhongcao.Storage;

/// <summary>
/// Snapshots as files in a folder: streamed to a temporary file, flushed to disk, then renamed, so a crash
/// leaves either the old set or the new file complete (a leftover temporary file is never listed, and is
/// removed at the next save). Each file ends with a SHA-256 of its content, computed while writing and
/// checked by reading the file through once before it is loaded; a damaged file is skipped (and the log
/// replayed from an older snapshot or from the start). Files have no size limit and are never held in memory.
/// </summary>
public sealed class FileSnapshotStore : ISnapshotStore
{
    private const string Prefix = "snapshot-";
    private const string Suffix = ".zcs";
    private const string TempSuffix = ".tmp";
    private const int HashBytes = 32;
    private readonly string _directory;
    private readonly int _keep;

    /// <param name="directory">Folder for snapshot files (created if missing).</param>
    /// <param name="keep">How many snapshots to keep: 2, so a damaged newest one still leaves one to start from.</param>
    public FileSnapshotStore(string directory, int keep = 2)
    {
        _directory = directory;
        _keep = Math.Max(1, keep);
        Directory.CreateDirectory(directory);
        foreach (var stale in Directory.EnumerateFiles(directory, Prefix + "*" + Suffix + TempSuffix))
        {
            File.Delete(stale); // left by a save that crashed (one process per folder)
        }
    }

    private readonly HashSet<long> _saving = [];

    public ISnapshotWrite? BeginSave(long position)
    {
        var final = Path.Combine(_directory, $"{Prefix}{position:D20}{Suffix}");
        lock (_saving)
        {
            // Complete already (files appear only by rename) or being written: the state at a position is the same.
            // A file that fails its checksum is replaced, though: it would otherwise be skipped at every restart.
            if ((File.Exists(final) && IsIntact(final)) || !_saving.Add(position))
            {
                return null;
            }
        }

        try
        {
            return new FileWrite(this, final, position);
        }
        catch
        {
            Done(position);
            throw;
        }
    }

    public IReadOnlyList<StoredSnapshot> List() =>
        Files().Select(f => new StoredSnapshot(f.Position, () => Open(f.Path))).ToList();

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

    /// <summary>Checks the checksum in one streaming pass, then opens the content (without the trailer) for reading.</summary>
    private static Stream Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            var length = file.Length - HashBytes;
            if (length < 0)
            {
                throw new InvalidDataException($"Snapshot {path} is truncated.");
            }

            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[1 << 16];
                for (var left = length; left > 0;)
                {
                    var n = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                    if (n == 0)
                    {
                        throw new InvalidDataException($"Snapshot {path} is truncated.");
                    }

                    hash.AppendData(buffer, 0, n);
                    left -= n;
                }

                Span<byte> stored = stackalloc byte[HashBytes];
                file.ReadExactly(stored);
                if (!hash.GetHashAndReset().AsSpan().SequenceEqual(stored))
                {
                    throw new InvalidDataException($"Snapshot {path} fails its checksum.");
                }
            }

            file.Position = 0;
            return new BoundedReadStream(file, length);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static bool IsIntact(string path)
    {
        try
        {
            Open(path).Dispose();
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private void Done(long position)
    {
        lock (_saving)
        {
            _saving.Remove(position);
        }
    }

    private void Prune()
    {
        foreach (var old in Files().Skip(_keep))
        {
            File.Delete(old.Path);
        }
    }

    /// <summary>One snapshot being written to its temporary file.</summary>
    private sealed class FileWrite : Stream, ISnapshotWrite
    {
        private readonly FileSnapshotStore _owner;
        private readonly string _final;
        private readonly string _temp;
        private readonly long _position;
        private readonly FileStream _file;
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private bool _committed;

        public FileWrite(FileSnapshotStore owner, string final, long position)
        {
            _owner = owner;
            _final = final;
            _position = position;
            _temp = final + TempSuffix;
            _file = new FileStream(_temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        }

        public Stream Content => this;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _file.Length;

        public override long Position { get => _file.Position; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _hash.AppendData(buffer);
            _file.Write(buffer);
        }

        public void Commit()
        {
            ObjectDisposedException.ThrowIf(_committed, this);
            _file.Write(_hash.GetHashAndReset());
            _file.Flush(flushToDisk: true);
            _file.Dispose();
            File.Move(_temp, _final, overwrite: true);
            _committed = true;
            _owner.Done(_position);
            _owner.Prune();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
                if (!_committed)
                {
                    _file.Dispose();
                    File.Delete(_temp);
                    _owner.Done(_position);
                }
            }

            base.Dispose(disposing);
        }
    }
}
