using System.Globalization;
using Zhongcao.Engine;
using Zhongcao.Engine.Distribution;
using Zhongcao.Engine.Governance;
using Zhongcao.Engine.Log;
using Zhongcao.Engine.Time;
using Zhongcao.Storage.Durable;
using Zhongcao.Storage.Memory;

namespace Zhongcao.Simulation.Simulator;

/// <summary>
/// Runs the real engine on a virtual clock, the way the server drives it: a <see cref="DurableEngine"/> over a
/// <see cref="MemoryStore"/> (the real write path), notes published through the publication gate with their
/// assessment written atomically beside them, behaviour sent as <see cref="EventRecorded"/> entries, feeds read
/// through <c>engine.Feed.Get</c>, and a <see cref="DistributionTick"/> appended every virtual minute as the
/// server's ticker does. The engine is not told it is simulated. One seeded <see cref="Random"/> makes every
/// draw, in a fixed order, and the loop is single-threaded, so a seed reproduces the run exactly.
/// </summary>
public sealed partial class SimulationRunner
{
    /// <summary>Relative session starts per hour of day: a morning commute bump, lunch, and the evening peak.</summary>
    private static readonly double[] HourWeights =
        [0.6, 0.3, 0.2, 0.1, 0.1, 0.2, 0.5, 1.0, 1.3, 1.0, 0.9, 1.1, 1.6, 1.4, 1.0, 0.9, 1.0, 1.2, 1.3, 1.5, 1.9, 2.2, 2.0, 1.3];

    private readonly SimulationOptions _options;
    private readonly Random _random;
    private readonly Population _population;
    private readonly ManualTimeProvider _time;
    private readonly DurableEngine _durable;
    private readonly PublicationGate _gate;
    private readonly NoteFactory _notes;
    private readonly MetricsCollector _metrics;
    private readonly Dictionary<string, int> _noteIndex = new(StringComparer.Ordinal);
    private readonly List<LogEntry> _pending = [];
    private readonly SimulationProfile _profile;
    private long _eventSeq;

    private SimulationRunner(SimulationOptions options, SimulationProfile? profile)
    {
        _profile = profile ?? new SimulationProfile();
        options.Validate();
        _options = options;
        _random = new Random(options.Seed);
        _population = Population.Build(options, _random);
        _time = new ManualTimeProvider(options.Start);
        var engine = EngineFactory.Create(options.ToConfiguration(), _time);
        _durable = DurableEngine.Open(new MemoryStore(), engine, new DurableOptions { SnapshotEveryEntries = long.MaxValue, SnapshotOnDispose = false });
        _gate = PublicationGate.CreateDefault(_time);
        _notes = new NoteFactory(_random);
        _metrics = new MetricsCollector(options, _population);
    }

    /// <summary>
    /// Runs a whole simulation; <paramref name="progress"/> receives the simulated fraction done (0-1) and
    /// <paramref name="profile"/>, if given, where the time went.
    /// </summary>
    public static async Task<SimulationResult> RunAsync(SimulationOptions options, IProgress<double>? progress = null, CancellationToken cancellationToken = default,
        SimulationProfile? profile = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var runner = new SimulationRunner(options, profile);
        try
        {
            return await runner.RunAsync(progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            runner._durable.Dispose();
            runner._durable.Engine.Dispose();
        }
    }

    private async Task<SimulationResult> RunAsync(IProgress<double>? progress, CancellationToken ct)
    {
        await CreateAccountsAsync(ct).ConfigureAwait(false);
        var minutes = _options.Days * 24 * 60;
        var posts = SchedulePosts(minutes);
        List<int>[]? sessions = null;
        for (var m = 0; m < minutes; m++)
        {
            ct.ThrowIfCancellationRequested();
            if (m % 1440 == 0)
            {
                sessions = ScheduleSessions();
            }

            _time.SetUtcNow(_options.Start.AddMinutes(m));
            using (_profile.Time("tick"))
            {
                await WriteAsync([new DistributionTick { At = _time.GetUtcNow() }], ct).ConfigureAwait(false);
            }

            if (posts[m] is { } authors)
            {
                await PublishAsync(authors, ct).ConfigureAwait(false);
            }

            if (sessions![m % 1440] is { Count: > 0 } starting)
            {
                await RunSessionsAsync(starting, ct).ConfigureAwait(false);
            }

            if (m % 60 == 59)
            {
                progress?.Report((m + 1.0) / minutes);
            }
        }

        var end = _options.Start.AddMinutes(minutes);
        _time.SetUtcNow(end);
        await WriteAsync([new DistributionTick { At = end }], ct).ConfigureAwait(false);
        var engine = _durable.Engine;
        using var read = engine.BeginRead();
        var module = engine.Module<DistributionModule>();
        return _metrics.Finish(end, i => engine.Core.FindNote(_metrics.Notes[i].Id) is { } n ? module?.Of(n.Index) : null);
    }

    private async Task CreateAccountsAsync(CancellationToken ct)
    {
        var at = _options.Start;
        var entries = new List<LogEntry>();
        foreach (var c in _population.Creators)
        {
            entries.Add(new UserUpserted { At = at, User = Population.CreatorProfile(c, at) });
        }

        foreach (var v in _population.Viewers)
        {
            entries.Add(new UserUpserted { At = at, User = Population.ViewerProfile(v, at) });
        }

        foreach (var (viewer, creator) in _population.Follows)
        {
            entries.Add(new FollowChanged { At = at, UserId = _population.Viewers[viewer].Id, AuthorId = _population.Creators[creator].Id, Following = true });
        }

        for (var i = 0; i < entries.Count; i += 20_000)
        {
            await WriteAsync(entries.GetRange(i, Math.Min(20_000, entries.Count - i)), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Creators post at their rate between 07:00 and midnight; at the start, half of them have one note out already (a catalogue to browse).</summary>
    private List<int>?[] SchedulePosts(int minutes)
    {
        var posts = new List<int>?[minutes];
        foreach (var c in _population.Creators)
        {
            if (_random.NextDouble() < 0.5)
            {
                (posts[0] ??= []).Add(c.Index);
            }

            for (var day = 0; day < _options.Days; day++)
            {
                for (var k = Poisson(c.PostsPerDay); k > 0; k--)
                {
                    var minute = (day * 1440) + 420 + _random.Next(1020);
                    (posts[minute] ??= []).Add(c.Index);
                }
            }
        }

        return posts;
    }

    /// <summary>Who opens the app when, for one day: active with the viewer's retention, Poisson(activity) sessions at hours drawn from <see cref="HourWeights"/>.</summary>
    private List<int>[] ScheduleSessions()
    {
        var byMinute = new List<int>[1440];
        for (var i = 0; i < byMinute.Length; i++)
        {
            byMinute[i] = [];
        }

        var total = HourWeights.Sum();
        foreach (var v in _population.Viewers)
        {
            if (_random.NextDouble() >= v.Retention)
            {
                continue; // a dormant day
            }

            for (var k = Poisson(v.Activity); k > 0; k--)
            {
                var x = _random.NextDouble() * total;
                var hour = 0;
                while (hour < 23 && (x -= HourWeights[hour]) > 0)
                {
                    hour++;
                }

                byMinute[(hour * 60) + _random.Next(60)].Add(v.Index);
            }
        }

        return byMinute;
    }

    private async Task PublishAsync(List<int> authors, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var entries = new List<LogEntry>(authors.Count * 2);
        var farmed = new List<(int Ring, string NoteId)>();
        foreach (var a in authors)
        {
            var creator = _population.Creators[a];
            var id = "p" + (_metrics.Notes.Count + 1).ToString("D7", CultureInfo.InvariantCulture);
            var (note, traits) = _notes.Create(creator, id, now);
            // As the notes endpoint does: the gate decides first, note and decision are written together.
            Zhongcao.Engine.Model.NoteAssessment assessment;
            using (_profile.Time("gate"))
            {
                assessment = GateAssessment.From(_gate.Check(note), note);
            }

            traits.Id = id;
            traits.Verdict = assessment.Verdict.ToString();
            traits.Images = traits.Video ? 0 : note.Media.Count;
            _noteIndex[id] = _metrics.Notes.Count;
            _metrics.Notes.Add(traits);
            entries.Add(new NotePublished { At = now, Note = note });
            entries.Add(new NoteAssessed { At = now, NoteId = id, NoteVersion = 1, Assessment = assessment });
            if (creator.Ring >= 0)
            {
                farmed.Add((creator.Ring, id));
            }
        }

        using (_profile.Time("publish (write + apply)"))
        {
            await _durable.WriteAsync(entries, atomic: true, ct).ConfigureAwait(false);
        }

        foreach (var (ring, id) in farmed)
        {
            FarmEngagement(ring, id);
        }

        await FlushAsync(ct).ConfigureAwait(false);
    }

    private async Task WriteAsync(IReadOnlyList<LogEntry> entries, CancellationToken ct) =>
        await _durable.WriteAsync(entries, ct).ConfigureAwait(false);

    private async Task FlushAsync(CancellationToken ct)
    {
        if (_pending.Count > 0)
        {
            using var _ = _profile.Time("events (write + apply)");
            await _durable.WriteAsync([.. _pending], ct).ConfigureAwait(false);
            _pending.Clear();
        }
    }

    /// <summary>Knuth's Poisson draw (means here are small).</summary>
    private int Poisson(double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = _random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= _random.NextDouble();
        }

        return k;
    }
}
