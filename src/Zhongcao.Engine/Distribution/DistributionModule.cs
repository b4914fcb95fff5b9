using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;
using Zhongcao.Engine.Modules;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Distribution;

/// <summary>
/// The traffic pools as an engine module: one persisted state machine per note (gated → cold start →
/// expansion 1..N → sustained → saturated, with limited/removed from governance), driven only by log
/// entries: publish/assess/edit/delete, engagement events (budget spent is judged at once) and
/// <see cref="DistributionTick"/> for everything triggered by time. Deterministic: uses the entry's
/// <c>At</c>, never the clock. Serving (<see cref="Allocator"/>) is separate and ephemeral.
/// </summary>
public sealed partial class DistributionModule : IEngineModule
{
    private readonly List<NoteDistribution?> _notes = [];
    private ViewerState?[] _viewers = []; // by user index
    private int _viewerCount;
    private readonly NoteBitSet _active = new();
    private readonly NoteBitSet _expansion = new();
    private readonly NoteBitSet _longTail = new();
    private readonly NoteBitSet _saturated = new();
    private readonly NoteBitSet _featured = new();
    private readonly NoteBitSet _limited = new();
    private readonly NoteBitSet _fresh = new();
    private readonly PoolIndex _index = new();
    private readonly NearDuplicates _duplicates = new();
    private readonly NoteBitSet _reach = new();
    private readonly TagTable _tagTable;
    private long _lastDay = -1;

    public DistributionModule(DistributionOptions? options = null, IAuthorAuthority? authority = null, IFraudFlags? fraud = null, IReachLimits? limits = null)
    {
        Limits = limits;
        Options = options ?? new DistributionOptions();
        Options.Validate();
        Weights = Options.ResolveWeights();
        _tagTable = new TagTable { WilsonZ = Options.WilsonZ };
        Authority = authority ?? NeutralAuthority.Instance;
        Fraud = fraud ?? NoFraudFlags.Instance;
        Allocator = new PoolAllocator(this);
    }

    public string Name => "distribution";

    public int SnapshotVersion => 4;

    public DistributionOptions Options { get; }

    public EngagementWeights Weights { get; }

    public IAuthorAuthority Authority { get; }

    public IFraudFlags Fraud { get; }

    /// <summary>Reach limits from governance (brand traffic limits), or null.</summary>
    public IReachLimits? Limits { get; }

    /// <summary>Picks pool candidates for feed requests (ephemeral, not part of the state).</summary>
    public PoolAllocator Allocator { get; }

    /// <summary>Notes in a pool (cold start or expansion), ascending index.</summary>
    public IReadOnlyCollection<int> Active => _active;

    /// <summary>Notes in an expansion pool (level 1..N), ascending index: the ones adjacent interests may reach.</summary>
    public IReadOnlyCollection<int> Expanding => _expansion;

    /// <summary>Sustained notes (long tail), ascending index.</summary>
    public IReadOnlyCollection<int> LongTail => _longTail;

    /// <summary>Evergreen or seasonally revived notes.</summary>
    public IReadOnlyCollection<int> Featured => _featured;

    /// <summary>Notes wanting impressions, bucketed by audience key (derived from the state, rebuilt on load).</summary>
    internal PoolIndex Index => _index;

    /// <summary>Near-duplicate detection over the notes' text (derived, rebuilt on load).</summary>
    internal NearDuplicates Duplicates => _duplicates;

    /// <summary>The distribution state of a note, or null when the module never saw it published.</summary>
    public NoteDistribution? Of(int noteIndex) => noteIndex >= 0 && noteIndex < _notes.Count ? _notes[noteIndex] : null;

    /// <summary>The viewer state of a user, or null when they never produced an event.</summary>
    public ViewerState? Viewer(int userIndex) => (uint)userIndex < (uint)_viewers.Length ? _viewers[userIndex] : null;

    public void Apply(CoreState core, in SequencedEntry entry)
    {
        switch (entry.Entry)
        {
            case EventRecorded e:
                ApplyEvent(core, e.Event, e.At);
                break;
            case UserUpserted up:
                if (core.UserIds.TryGet(up.User.Id, out var upserted))
                {
                    DropInterests(upserted); // the interest ids are taken from the new profile at the next impression
                }

                break;
            case NotePublished p:
                ApplyPublish(core, p.Note, p.At);
                break;
            case NoteAssessed a:
                ApplyAssessment(core, a);
                break;
            case NoteEdited ed:
                if (core.FindNote(ed.Note.Id) is { } edited && Of(edited.Index) is { } d)
                {
                    d.TagPrefixes = PrefixesOf(edited.Tags);
                    d.Tags = edited.Tags;
                    _index.Update(d);
                    _duplicates.Set(edited.Index, NearDuplicates.SimHash(edited.Note));
                }

                break;
            case NoteDeleted del:
                if (core.FindNote(del.NoteId) is { } deleted && Of(deleted.Index) is { } gone)
                {
                    gone.HeldStage = null; // deletion is final: nothing to resume
                }

                if (core.FindNote(del.NoteId) is { } deleted2 && Of(deleted2.Index) is { PoolStage: not DistributionStage.Removed } dd)
                {
                    Move(dd, del.At, DistributionStage.Removed, dd.Level, TransitionOutcome.Removed, "Deleted by its author.");
                }

                break;
            case DistributionTick t:
                ApplyTick(core, t.At);
                break;
        }
    }

    private void ApplyPublish(CoreState core, Note note, DateTimeOffset at)
    {
        // The core ignores a publish by an unknown author or with a taken id; the module follows it.
        if (core.FindNote(note.Id) is not { } state || state.Index != _notes.Count)
        {
            return;
        }

        var arm = ExperimentArms.ArmOf(Options, note.AuthorId);
        var d = new NoteDistribution(state.Index, state.AuthorIndex, arm?.Policy ?? Options.Policy, arm?.Name ?? "", at, _tagTable)
        {
            TagPrefixes = PrefixesOf(state.Tags),
            Tags = state.Tags,
        };
        _notes.Add(d);
        _duplicates.Set(state.Index, NearDuplicates.SimHash(state.Note));
        if (Limits?.LimitOf(d.NoteIndex, at) is { } limit)
        {
            SetReach(d, limit);
        }

        // No assessment yet (the gate is not wired into publishing): enter cold start at once with neutral quality 50.
        EnterColdStart(d, at, TransitionOutcome.Entered, "Published; no gate assessment yet, so it starts with neutral quality 50.");
    }

    private void ApplyAssessment(CoreState core, NoteAssessed a)
    {
        if (core.FindNote(a.NoteId) is not { } state || a.NoteVersion != state.Version || Of(state.Index) is not { } d)
        {
            return;
        }

        d.TagPrefixes = PrefixesOf(state.Tags);
        d.Tags = state.Tags;
        _index.Update(d);
        if (d.PoolStage == DistributionStage.Removed && d.HeldStage is null)
        {
            return; // deleted, or removed before anything was held: final
        }

        var x = a.Assessment;
        d.Quality = Math.Clamp(x.Quality, 0, 100);
        switch (x.Verdict)
        {
            case PublicationVerdict.Reject:
                if (d.PoolStage != DistributionStage.Removed)
                {
                    Hold(d, a.At);
                    Move(d, a.At, DistributionStage.Removed, d.Level, TransitionOutcome.Removed, "The publication gate rejected this note.");
                }

                return;
            case PublicationVerdict.Review:
                if (d.PoolStage != DistributionStage.Gated)
                {
                    Hold(d, a.At);
                    Move(d, a.At, DistributionStage.Gated, d.Level, TransitionOutcome.Gated, "Held for review by a person; not distributed meanwhile.");
                }

                return;
        }

        if (x.Verdict == PublicationVerdict.Limit)
        {
            d.GateLimited = true;
            d.GateMultiplier = Math.Clamp(x.DistributionMultiplier, 0, 1);
            d.LimitUntil = x.LimitUntil;
            _limited.Add(d.NoteIndex);
            Record(d, a.At, d.PoolStage, d.Level, TransitionOutcome.Limited,
                $"Distribution limited by governance (multiplier {d.GateMultiplier:0.##}{(x.LimitUntil is { } u ? $" until {u:u}" : "")}).");
        }
        else if (d.GateLimited)
        {
            LiftLimit(d, a.At, "The gate's new assessment allows normal distribution.");
        }

        if (d.PoolStage is DistributionStage.Gated or DistributionStage.Removed && d.HeldStage is not null && HasProgress(d))
        {
            Resume(d, a.At, $"Released (quality {d.Quality:0}): distribution resumes where it stopped, not from a new cold start.");
        }
        else if (d.PoolStage is DistributionStage.Gated or DistributionStage.Removed)
        {
            d.HeldStage = null;
            EnterColdStart(d, a.At, TransitionOutcome.Entered, $"Released by the gate (quality {d.Quality:0}); cold start begins.");
        }
        else if (d.PoolStage == DistributionStage.ColdStart)
        {
            // The gate's quality (and niche) arrives after publication: rescale the running cold-start budget, keep
            // the window. Authority is taken again only while nothing was counted, so a note never moves its own bar.
            if (d.Current.Impressions == 0)
            {
                CaptureAuthority(d);
            }

            var budget = ReachScaled(d, ColdStartBudget(d));
            if (budget != d.Budget)
            {
                d.Budget = budget;
                _index.Update(d);
                Record(d, a.At, d.PoolStage, d.Level, TransitionOutcome.Entered,
                    $"Gate assessed quality {d.Quality:0}: cold-start budget set to {budget} impressions.");
                CheckBudget(d, a.At);
            }
        }
    }

    private void LiftLimit(NoteDistribution d, DateTimeOffset at, string reason)
    {
        d.GateLimited = false;
        d.GateMultiplier = 1;
        d.LimitUntil = null;
        UpdateSets(d);
        Record(d, at, d.PoolStage, d.Level, TransitionOutcome.LimitLifted, reason);
    }

    /// <summary>Takes the author's authority effect for this note (budget and threshold multipliers, niche, reason).</summary>
    private void CaptureAuthority(NoteDistribution d)
    {
        var e = Authority.For(d.AuthorIndex, d.NoteIndex);
        d.AuthorityBudget = Math.Clamp(e.BudgetMultiplier, 0.5, 2);
        d.AuthorityThreshold = Math.Clamp(e.ThresholdMultiplier, 0.5, 2);
        d.AuthorityNiche = e.Niche;
        d.AuthorityReason = e.Reason;
    }

    /// <summary>Cold-start budget: base × (0.5 + quality/100) × authority, within [min, max] (S: 100-300, scaled by quality and authority).</summary>
    internal long ColdStartBudget(NoteDistribution d)
    {
        var authority = d.AuthorityBudget;
        if (d.Policy == DistributionPolicy.Guarantee)
        {
            return Options.GuaranteeBase
                + (long)Math.Round(Options.GuaranteeQualityBonus * d.Quality / 100)
                + (long)Math.Round(Options.GuaranteeAuthorBonus * Math.Clamp(authority - 1, 0, 1));
        }

        var scaled = Options.ColdStartBudget * (0.5 + (d.Quality / 100)) * authority;
        return (long)Math.Clamp(Math.Round(scaled), Options.ColdStartMinBudget, Options.ColdStartMaxBudget);
    }

    /// <summary>The level-1 prefixes of <paramref name="tags"/> (the tags array itself when they are their own prefixes; prefix text interned).</summary>
    private string[] PrefixesOf(string[] tags)
    {
        var prefixes = new List<string>(tags.Length);
        foreach (var t in tags)
        {
            var slash = t.IndexOf('/', StringComparison.Ordinal);
            var p = slash > 0 ? _tagTable.Intern(t[..slash]) : t;
            if (!prefixes.Contains(p))
            {
                prefixes.Add(p);
            }
        }

        return prefixes.SequenceEqual(tags) ? tags : [.. prefixes];
    }

    private ViewerState ViewerOf(int user)
    {
        if (user >= _viewers.Length)
        {
            Array.Resize(ref _viewers, Math.Max(user + 1, Math.Max(1024, _viewers.Length + (_viewers.Length / 2))));
        }

        if (_viewers[user] is not { } v)
        {
            v = new ViewerState(_tagTable);
            _viewers[user] = v;
            _viewerCount++;
        }

        return v;
    }
}
