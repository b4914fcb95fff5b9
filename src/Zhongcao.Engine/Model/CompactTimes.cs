namespace Zhongcao.Engine.Model;

/// <summary>
/// A record's creation and update times in 24 bytes instead of two 16-byte <see cref="DateTimeOffset"/>s: each
/// as its UTC ticks, with both offsets in minutes (an offset is always whole minutes within ±14 hours, so this
/// is exact). Equality and hashing follow <see cref="DateTimeOffset"/>'s: the instants, not the offsets.
/// </summary>
internal readonly struct CompactTimes : IEquatable<CompactTimes>
{
    private readonly long _createdUtc;
    private readonly long _updatedUtc;
    private readonly short _createdOffset;
    private readonly short _updatedOffset;

    private CompactTimes(long createdUtc, short createdOffset, long updatedUtc, short updatedOffset)
    {
        _createdUtc = createdUtc;
        _createdOffset = createdOffset;
        _updatedUtc = updatedUtc;
        _updatedOffset = updatedOffset;
    }

    public DateTimeOffset Created => Read(_createdUtc, _createdOffset);

    public DateTimeOffset Updated => Read(_updatedUtc, _updatedOffset);

    public CompactTimes WithCreated(DateTimeOffset value) => new(value.UtcTicks, Minutes(value), _updatedUtc, _updatedOffset);

    public CompactTimes WithUpdated(DateTimeOffset value) => new(_createdUtc, _createdOffset, value.UtcTicks, Minutes(value));

    public bool Equals(CompactTimes other) => _createdUtc == other._createdUtc && _updatedUtc == other._updatedUtc;

    public override bool Equals(object? obj) => obj is CompactTimes other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Created, Updated);

    private static short Minutes(DateTimeOffset value) => (short)(value.Offset.Ticks / TimeSpan.TicksPerMinute);

    // default(DateTimeOffset) is UTC tick 0 at offset 0, which this reads back as such.
    private static DateTimeOffset Read(long utcTicks, short offsetMinutes)
    {
        var offset = new TimeSpan(offsetMinutes * TimeSpan.TicksPerMinute);
        return new DateTimeOffset(utcTicks + offset.Ticks, offset);
    }
}
