using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
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

    // Per note index: the version and tags it is indexed with (null when not indexed). These are the note's own
    // instances (shared with the core state while current), kept so a re-index can remove the old terms.
    private readonly List<(Note? Note, string[] Tags)> _indexed = [];
    private readonly List<string> _oldTerms = new(64);
    private readonly List<string> _newTerms = new(64);

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
        var i = note.Index;
        while (_indexed.Count <= i)
        {
            _indexed.Add(default);
        }

        var previous = _indexed[i];
        List<string>? oldTerms = null;
        List<string>? newTerms = null;
        if (!note.Deleted)
        {
            newTerms = _newTerms;
            newTerms.Clear();
            AddText(note.Note, newTerms);
            if (previous.Note is not null)
            {
                oldTerms = _oldTerms;
                oldTerms.Clear();
                if (ReferenceEquals(previous.Note, note.Note))
                {
                    // Same version (an assessment changed the tags): the text's terms are the ones just computed.
                    oldTerms.AddRange(newTerms);
                }
                else
                {
                    AddText(previous.Note, oldTerms);
                }

                AddTags(previous.Tags, oldTerms);
            }

            AddTags(note.Tags, newTerms);
            _indexed[i] = (note.Note, note.Tags);
        }
        else
        {
            if (previous.Note is not null)
            {
                oldTerms = _oldTerms;
                oldTerms.Clear();
                AddText(previous.Note, oldTerms);
                AddTags(previous.Tags, oldTerms);
            }

            _indexed[i] = default;
        }

        Index.Update(i, oldTerms, newTerms);
    }

    private static void AddText(Note note, List<string> terms)
    {
        // The title counts twice: it is what the author chose to say first (a cheap field weight, BM25F-like).
        SearchTerms.Add(note.Title, terms);
        SearchTerms.Add(note.Title, terms);
        SearchTerms.Add(note.Body, terms);
    }

    private static void AddTags(string[] tags, List<string> terms)
    {
        foreach (var tag in tags)
        {
            SearchTerms.AddKey(tag, terms);
        }
    }
}
