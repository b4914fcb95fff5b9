using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.State;

/// <summary>In-memory state of one note.</summary>
public sealed class NoteState
{
    internal NoteState(int index, Note note, int authorIndex)
    {
        Index = index;
        Note = note;
        AuthorIndex = authorIndex;
    }

    public int Index { get; }

    /// <summary>The current version of the note.</summary>
    public Note Note { get; internal set; }
    public int AuthorIndex { get; }

    /// <summary>1 for the published version, +1 per edit.</summary>
    public int Version { get; internal set; } = 1;
    public DateTimeOffset? DeletedAt
    {
        get => _deletedTicks == 0 ? null : new DateTimeOffset(_deletedTicks, TimeSpan.FromMinutes(_deletedOffsetMinutes));
        internal set
        {
            _deletedTicks = value?.Ticks ?? 0;
            _deletedOffsetMinutes = (short)(value?.Offset.TotalMinutes ?? 0);
        }
    }

    public bool Deleted => _deletedTicks != 0;

    // DeletedAt as its local ticks and offset (0 ticks: not deleted), 10 bytes instead of a 24-byte nullable.
    private long _deletedTicks;
    private short _deletedOffsetMinutes;

    // Held inline: one object per note instead of two.
    private NoteCounters _counters;

    /// <summary>The note's engagement totals, by reference (copying them costs 56 bytes).</summary>
    public ref readonly NoteCounters Counters => ref _counters;

    internal ref NoteCounters MutableCounters => ref _counters;

    /// <summary>The gate's assessment of the current version, or null while none was recorded.</summary>
    public NoteAssessment? Assessment { get; internal set; }

    /// <summary>Normalised hashtags (lower case, no '#'), the note's tags until content understanding assigns more.</summary>
    public string[] Tags { get; internal set; } = [];
}
