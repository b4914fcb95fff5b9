using Zhongcao.Engine.Log;
using Zhongcao.Engine.Modules;
using Zhongcao.Engine.Snapshots;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Search;

/// <summary>
/// Keeps the search index (<see cref="InvertedIndex"/>) in step with the log: a note is indexed when
/// published, re-indexed when edited or assessed (the gate's categories and tags become terms), and removed
/// when deleted. The index is derived from the notes alone, so its snapshot section is empty and
/// <see cref="Load"/> rebuilds it from the loaded notes; replay and load give the same index.
/// </summary>
public sealed class SearchModule : IEngineModule
{
    /// <summary>The index (read under the engine's read lock).</summary>
    public InvertedIndex Index { get; } = new();

    /// <inheritdoc />
    public string Name => "search";

    /// <inheritdoc />
    public int SnapshotVersion => 1;

    /// <inheritdoc />
    public void Apply(CoreState core, in SequencedEntry entry)
    {
        var id = entry.Entry switch
        {
            NotePublished p => p.Note.Id,
            NoteEdited e => e.Note.Id,
            NoteAssessed a => a.NoteId,
            NoteDeleted d => d.NoteId,
            _ => null,
        };
        if (id is not null && core.FindNote(id) is { } note)
        {
            Reindex(note);
        }
    }

    /// <inheritdoc />
    public void Save(BinaryEncoder writer)
    {
        // Nothing: the index is rebuilt from the notes on load.
    }

    /// <inheritdoc />
    public void Load(CoreState core, ref BinaryDecoder reader)
    {
        foreach (var note in core.Notes)
        {
            Reindex(note);
        }
    }

    private void Reindex(NoteState note)
    {
        if (note.Deleted)
        {
            Index.Remove(note.Index);
            return;
        }

        var terms = new List<string>(64);
        // The title counts twice: it is what the author chose to say first (a cheap field weight, BM25F-like).
        SearchTerms.Add(note.Note.Title, terms);
        SearchTerms.Add(note.Note.Title, terms);
        SearchTerms.Add(note.Note.Body, terms);
        foreach (var tag in note.Tags)
        {
            SearchTerms.AddKey(tag, terms);
        }

        Index.Set(note.Index, terms);
    }
}
