using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Modules;
using Zhongcao.Engine.State;

namespace Zhongcao.Engine.Governance.Enforcement;

/// <summary>
/// Accounts and enforcement as an engine module: account authority, fraud detectors, the three violation
/// ladders, brand points, reports, moderator decisions, appeals and the hash-chained audit log, all derived
/// from log entries (ticks drive weekly scoring, expiry and recovery). Registered before the pools module:
/// a flag raised by an entry is in force when the pools module applies that same entry.
/// </summary>
public sealed partial class GovernanceModule : IEngineModule, IAuthorAuthority, IFraudFlags, IReachLimits
{
    private const string AppealText = "Appeal within 6 months: POST /v1/appeals with this entry's number; a moderator not involved in this decision decides.";

    private readonly Dictionary<int, AccountRecord> _accounts = [];
    private readonly SortedDictionary<string, BrandRecord> _brands = new(StringComparer.Ordinal);
    private DistributionModule? _distribution;
    private long _lastWeek = long.MinValue;

    public GovernanceModule(EnforcementOptions? options = null) => Options = options ?? new EnforcementOptions();

    public string Name => "governance";

    public int SnapshotVersion => 3;

    public EnforcementOptions Options { get; }

    public AuditChain Audit { get; } = new();

    /// <summary>Lets fraud flags take back signals already counted by the pools module (see <see cref="DistributionModule.ExcludeViewer"/>).</summary>
    public void Attach(DistributionModule distribution) => _distribution = distribution;

    /// <summary>The enforcement record of a user, or null when nothing was ever decided about them.</summary>
    public AccountRecord? Account(int userIndex) => _accounts.GetValueOrDefault(userIndex);

    /// <summary>The brand-points record of a brand, or null when it never lost a point.</summary>
    public BrandRecord? Brand(string brandId) => _brands.GetValueOrDefault(brandId);

    public IEnumerable<BrandRecord> Brands => _brands.Values;

    /// <inheritdoc/>
    public bool IsFlagged(int userIndex) => _accounts.TryGetValue(userIndex, out var a) && a.Flagged;

    // Derived (not saved): true once any brand has carried a ban penalty; recomputed on snapshot load.
    private bool _brandBanSeen;

    public void Apply(CoreState core, in SequencedEntry entry)
    {
        _core = core;
        SweepWindows(entry.Entry.At);
        switch (entry.Entry)
        {
            case UserUpserted u:
                OnUser(core, u);
                break;
            case FollowChanged f:
                OnFollow(core, f);
                break;
            case NotePublished p:
                OnPublish(core, p.Note, p.At);
                break;
            case NoteAssessed a:
                OnAssessed(core, a);
                break;
            case NoteEdited ed:
                OnEdited(core, ed.Note);
                break;
            case EventRecorded e:
                OnEvent(core, e.Event, e.At);
                break;
            case DistributionTick t:
                OnTick(t.At);
                break;
            case ReportFiled r:
                OnReport(core, r);
                break;
            case ModerationDecided d:
                OnDecision(core, d);
                break;
            case AppealFiled a:
                OnAppeal(core, a);
                break;
        }
    }

    private AccountRecord AccountOf(int user)
    {
        if (!_accounts.TryGetValue(user, out var a))
        {
            a = new AccountRecord();
            _accounts.Add(user, a);
        }

        return a;
    }

    private BrandRecord BrandOf(string brandId)
    {
        if (!_brands.TryGetValue(brandId, out var b))
        {
            b = new BrandRecord { BrandId = brandId, Points = Options.BrandStartPoints };
            _brands.Add(brandId, b);
        }

        return b;
    }

    /// <summary>A user's notes are hidden from feeds at <paramref name="at"/> (suspended or banned account, or banned brand).</summary>
    public bool IsSuppressed(CoreState core, int noteIndex, DateTimeOffset at)
    {
        var note = core.Note(noteIndex);
        if (_accounts.TryGetValue(note.AuthorIndex, out var a)
            && (a.InForce(PenaltyKind.Suspension, at) is not null || a.InForce(PenaltyKind.PlatformBan, at) is not null))
        {
            return true;
        }

        // Feeds ask this for every candidate: skip working out the note's brands while no brand has ever been banned.
        return _brandBanSeen && BrandsOf(core, note.Note).Any(b => _brands.TryGetValue(b, out var r) && r.Banned(at));
    }

    /// <summary>The search notice for a brand banned at <paramref name="at"/>, or null (for the future search endpoint).</summary>
    public string? SearchNotice(string brandId, DateTimeOffset at) =>
        _brands.TryGetValue(brandId, out var b) && b.Banned(at) ? Options.BrandBanNotice : null;
}
