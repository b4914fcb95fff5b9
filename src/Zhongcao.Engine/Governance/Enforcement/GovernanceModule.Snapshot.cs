using Zhongcao.Engine.Snapshots;
using Zhongcao.Engine.State;
using static Zhongcao.Engine.Governance.Enforcement.GovernanceSnapshot;

namespace Zhongcao.Engine.Governance.Enforcement;

public sealed partial class GovernanceModule
{
    /// <summary>Writes the whole state, detector windows included, in sorted order (the digest depends on it).</summary>
    public void Save(BinaryEncoder w)
    {
        w.WriteInt64(_lastWeek);
        w.WriteString(_moderatorVerdictFor);
        w.WriteVarUInt((ulong)_signals.Count);
        foreach (var s in _signals)
        {
            w.WriteBool(s is not null);
            if (s is not null)
            {
                SaveSignals(w, s);
            }
        }

        w.WriteStrings(_noteNiche);
        w.WriteVarUInt((ulong)_accounts.Count);
        foreach (var (user, a) in _accounts.OrderBy(x => x.Key))
        {
            w.WriteVarInt(user);
            foreach (var strikes in a.Strikes)
            {
                w.WriteVarInt(strikes);
            }

            WritePenalties(w, a.Penalties);
            w.WriteString(a.FraudReason);
            WriteTime(w, a.FlaggedAt);
            w.WriteStrings(a.Evidence);
        }

        w.WriteVarUInt((ulong)_brands.Count);
        foreach (var b in _brands.Values)
        {
            w.WriteString(b.BrandId);
            w.WriteVarInt(b.Points);
            w.WriteVarInt(b.Pending);
            WriteTime(w, b.LastViolationAt);
            w.WriteVarInt(b.AppliedLost);
            WritePenalties(w, b.Penalties);
        }

        w.WriteVarUInt((ulong)Audit.Entries.Count);
        foreach (var e in Audit.Entries)
        {
            WriteAudit(w, e);
        }

        w.WriteVarUInt((ulong)_cases.Count);
        foreach (var c in _cases.Values)
        {
            w.WriteString(c.Subject);
            w.WriteTime(c.OpenedAt);
            w.WriteVarInt(c.Reports);
            w.WriteDouble(c.Risk);
            w.WriteStrings(c.Reasons);
            w.WriteVarInt(c.DecidedBy ?? 0);
        }

        w.WriteVarUInt((ulong)_appeals.Count);
        foreach (var a in _appeals.Values)
        {
            w.WriteString(a.AppealId);
            w.WriteString(a.UserId);
            w.WriteVarInt(a.AuditNumber);
            w.WriteTime(a.FiledAt);
            w.WriteString(a.Statement);
            w.WriteString(a.FirstDecider);
            w.WriteVarInt(a.DecidedBy ?? 0);
        }

        SaveWindows(w);
    }

    private void SaveWindows(BinaryEncoder w)
    {
        foreach (var windows in (Dictionary<int, Queue<(int, long)>>[])[_noteCohorts, _noteViews, _followBursts, _noteExposure])
        {
            w.WriteVarUInt((ulong)windows.Count);
            foreach (var (key, q) in windows.OrderBy(x => x.Key))
            {
                w.WriteVarInt(key);
                WriteQueue(w, q);
            }
        }

        w.WriteVarUInt((ulong)_exposureBurst.Count);
        foreach (var (note, until) in _exposureBurst.OrderBy(x => x.Key))
        {
            w.WriteVarInt(note);
            w.WriteVarInt(until);
        }

        w.WriteVarUInt((ulong)_comments.Count);
        foreach (var (key, q) in _comments.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            w.WriteString(key);
            WriteQueue(w, q);
        }

        w.WriteVarUInt((ulong)_phraseFirstSeen.Count);
        foreach (var (key, t) in _phraseFirstSeen.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            w.WriteString(key);
            w.WriteVarInt(t);
        }

        w.WriteVarUInt((ulong)_brandNotes.Count);
        foreach (var (brand, list) in _brandNotes.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            w.WriteString(brand);
            w.WriteVarUInt((ulong)list.Count);
            foreach (var (author, at, grams) in list)
            {
                w.WriteVarInt(author);
                w.WriteVarInt(at);
                var sorted = grams.ToArray();
                Array.Sort(sorted);
                w.WriteVarUInt((ulong)sorted.Length);
                foreach (var g in sorted)
                {
                    w.WriteVarInt(g);
                }
            }
        }
    }

    private static void SaveSignals(BinaryEncoder w, UserSignals s)
    {
        w.WriteTime(s.FirstSeen);
        w.WriteVarInt(s.Actions);
        w.WriteVarInt(s.BlindActions);
        w.WriteVarUInt((ulong)s.Recent.Count);
        foreach (var (n, i, e) in s.Recent)
        {
            w.WriteVarInt(n);
            w.WriteVarInt(i);
            w.WriteVarInt(e);
        }

        w.WriteVarInt(s.AuthorImpressions);
        w.WriteVarInt(s.AuthorEngagements);
        w.WriteVarInt(s.AuthorNegatives);
        w.WriteDouble(s.QualitySum);
        w.WriteVarInt(s.QualityCount);
        w.WriteBool(s.PendingQuality is not null);
        w.WriteDouble(s.PendingQuality ?? 0);
        w.WriteVarUInt((ulong)s.Posts.Count);
        foreach (var p in s.Posts)
        {
            w.WriteVarInt(p);
        }

        w.WriteVarUInt((ulong)s.Niches.Count);
        foreach (var (niche, (i, e)) in s.Niches)
        {
            w.WriteString(niche);
            w.WriteVarInt(i);
            w.WriteVarInt(e);
        }

        w.WriteVarUInt((ulong)s.FollowedAt.Count);
        foreach (var (a, t) in s.FollowedAt.OrderBy(x => x.Key))
        {
            w.WriteVarInt(a);
            w.WriteVarInt(t);
        }

        w.WriteVarUInt((ulong)s.FollowBacks.Count);
        foreach (var t in s.FollowBacks)
        {
            w.WriteVarInt(t);
        }

        w.WriteVarInt(s.ExposureNote);
        w.WriteVarInt(s.ExposureCount);
        w.WriteVarInt(s.ExposureSince);
    }

    public void Load(CoreState core, ref BinaryDecoder r)
    {
        _core = core;
        _lastWeek = r.ReadInt64();
        _moderatorVerdictFor = r.ReadNullableString();
        var users = r.ReadCount();
        for (var i = 0; i < users; i++)
        {
            _signals.Add(r.ReadBool() ? LoadSignals(ref r) : null);
        }

        _noteNiche.AddRange(r.ReadStrings());
        var accounts = r.ReadCount();
        for (var i = 0; i < accounts; i++)
        {
            var a = AccountOf(r.ReadVarInt32());
            for (var k = 0; k < a.Strikes.Length; k++)
            {
                a.Strikes[k] = r.ReadVarInt32();
            }

            ReadPenalties(ref r, a.Penalties);
            a.FraudReason = r.ReadNullableString();
            a.FlaggedAt = ReadTime(ref r);
            a.Evidence.AddRange(r.ReadStrings());
        }

        LoadRest(ref r);
    }

    private void LoadRest(ref BinaryDecoder r)
    {
        var brands = r.ReadCount();
        for (var i = 0; i < brands; i++)
        {
            var b = BrandOf(r.ReadString());
            b.Points = r.ReadVarInt32();
            b.Pending = r.ReadVarInt32();
            b.LastViolationAt = ReadTime(ref r);
            b.AppliedLost = r.ReadVarInt32();
            ReadPenalties(ref r, b.Penalties);
        }

        var audit = r.ReadCount();
        for (var i = 0; i < audit; i++)
        {
            Audit.Restore(ReadAudit(ref r));
        }

        var cases = r.ReadCount();
        for (var i = 0; i < cases; i++)
        {
            var c = new ModerationCase { Subject = r.ReadString(), OpenedAt = r.ReadTime(), Reports = r.ReadVarInt32(), Risk = r.ReadDouble() };
            c.Reasons.AddRange(r.ReadStrings());
            var decided = r.ReadVarInt();
            c.DecidedBy = decided == 0 ? null : decided;
            _cases[c.Subject] = c;
        }

        var appeals = r.ReadCount();
        for (var i = 0; i < appeals; i++)
        {
            var a = new Appeal
            {
                AppealId = r.ReadString(), UserId = r.ReadString(), AuditNumber = r.ReadVarInt(), FiledAt = r.ReadTime(),
                Statement = r.ReadString(), FirstDecider = r.ReadString(),
            };
            var decided = r.ReadVarInt();
            a.DecidedBy = decided == 0 ? null : decided;
            _appeals[a.AppealId] = a;
        }

        LoadWindows(ref r);
    }

    private void LoadWindows(ref BinaryDecoder r)
    {
        foreach (var windows in (Dictionary<int, Queue<(int, long)>>[])[_noteCohorts, _noteViews, _followBursts, _noteExposure])
        {
            var n = r.ReadCount();
            for (var i = 0; i < n; i++)
            {
                var key = r.ReadVarInt32();
                windows[key] = ReadQueue(ref r);
            }
        }

        var bursts = r.ReadCount();
        for (var i = 0; i < bursts; i++)
        {
            var note = r.ReadVarInt32();
            _exposureBurst[note] = r.ReadVarInt();
        }

        var comments = r.ReadCount();
        for (var i = 0; i < comments; i++)
        {
            var key = r.ReadString();
            _comments[key] = ReadQueue(ref r);
        }

        var phrases = r.ReadCount();
        for (var i = 0; i < phrases; i++)
        {
            var key = r.ReadString();
            _phraseFirstSeen[key] = r.ReadVarInt();
        }

        var brands = r.ReadCount();
        for (var i = 0; i < brands; i++)
        {
            var brand = r.ReadString();
            var count = r.ReadCount();
            var list = new List<(int, long, HashSet<int>)>(count);
            for (var j = 0; j < count; j++)
            {
                var author = r.ReadVarInt32();
                var at = r.ReadVarInt();
                var grams = new HashSet<int>();
                var g = r.ReadCount();
                for (var k = 0; k < g; k++)
                {
                    grams.Add(r.ReadVarInt32());
                }

                list.Add((author, at, grams));
            }

            _brandNotes[brand] = list;
        }
    }

    private static UserSignals LoadSignals(ref BinaryDecoder r)
    {
        var s = new UserSignals { FirstSeen = r.ReadTime(), Actions = r.ReadVarInt(), BlindActions = r.ReadVarInt32() };
        var recent = r.ReadCount();
        for (var i = 0; i < recent; i++)
        {
            s.Recent.Add((r.ReadVarInt32(), r.ReadVarInt32(), r.ReadVarInt32()));
        }

        s.AuthorImpressions = r.ReadVarInt();
        s.AuthorEngagements = r.ReadVarInt();
        s.AuthorNegatives = r.ReadVarInt();
        s.QualitySum = r.ReadDouble();
        s.QualityCount = r.ReadVarInt32();
        var pending = r.ReadBool();
        var pendingQuality = r.ReadDouble();
        s.PendingQuality = pending ? pendingQuality : null;
        var posts = r.ReadCount();
        for (var i = 0; i < posts; i++)
        {
            s.Posts.Add(r.ReadVarInt());
        }

        var niches = r.ReadCount();
        for (var i = 0; i < niches; i++)
        {
            s.Niches[r.ReadString()] = (r.ReadVarInt(), r.ReadVarInt());
        }

        var followed = r.ReadCount();
        for (var i = 0; i < followed; i++)
        {
            s.FollowedAt[r.ReadVarInt32()] = r.ReadVarInt();
        }

        var backs = r.ReadCount();
        for (var i = 0; i < backs; i++)
        {
            s.FollowBacks.Enqueue(r.ReadVarInt());
        }

        s.ExposureNote = r.ReadVarInt32();
        s.ExposureCount = r.ReadVarInt32();
        s.ExposureSince = r.ReadVarInt();
        return s;
    }
}
