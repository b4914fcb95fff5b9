using Zhongcao.Engine.Snapshots;
using Zhongcao.Engine.State;
using static Zhongcao.Engine.Governance.Enforcement.GovernanceSnapshot;

namespace Zhongcao.Engine.Governance.Enforcement;

public sealed partial class GovernanceModule
{
    /// <summary>Writes the whole state, detector windows included, in sorted order (the digest depends on it).</summary>
    // Snapshot writing runs rarely but long: compiled optimised at once instead of starting at tier 0.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Save(BinaryEncoder w)
    {
        w.WriteInt64(_lastWeek);
        w.WriteString(_moderatorVerdictFor);
        SaveSignals(w);
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

        Audit.Write(w);

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
                w.WriteVarUInt((ulong)grams.Length);
                foreach (var g in grams)
                {
                    w.WriteVarInt(g);
                }
            }
        }

        w.WriteVarUInt((ulong)_follows.Count);
        foreach (var (pair, at) in _follows)
        {
            w.WriteVarInt(pair);
            w.WriteVarInt(at);
        }

        w.WriteVarUInt((ulong)_followedAt.Count);
        foreach (var (pair, at) in _followedAt.OrderBy(x => x.Key))
        {
            w.WriteVarInt(pair);
            w.WriteVarInt(at);
        }

        w.WriteVarUInt((ulong)_followBacks.Count);
        foreach (var (user, fb) in _followBacks.OrderBy(x => x.Key))
        {
            w.WriteVarInt(user);
            w.WriteVarUInt((ulong)fb.Count);
            foreach (var t in fb)
            {
                w.WriteVarInt(t);
            }
        }

        w.WriteInt64(_lastSweep);
        w.WriteInt64(_lastLongSweep);
    }

    private void SaveSignals(BinaryEncoder w)
    {
        w.WriteVarUInt((ulong)_userSlots);
        for (var u = 0; u < _userSlots; u++)
        {
            w.WriteVarInt(_firstSeen[u]);
            if (_firstSeen[u] == 0)
            {
                continue;
            }

            w.WriteVarInt(_actions[u]);
            w.WriteVarInt(_blindActions[u]);
            var recent = _recent.ToArray(u);
            w.WriteVarUInt((ulong)recent.Length);
            foreach (var packed in recent)
            {
                w.WriteVarInt(packed);
            }

            w.WriteVarInt(_exposureNote[u]);
            w.WriteVarInt(_exposureCount[u]);
            w.WriteVarInt(_exposureSince[u]);
            var a = _authors[u];
            w.WriteBool(a is not null);
            if (a is null)
            {
                continue;
            }

            w.WriteVarInt(a.Impressions);
            w.WriteVarInt(a.Engagements);
            w.WriteVarInt(a.Negatives);
            w.WriteDouble(a.QualitySum);
            w.WriteVarInt(a.QualityCount);
            w.WriteBool(a.HasPending);
            w.WriteDouble(a.PendingQuality);
            w.WriteVarUInt((ulong)a.PostCount);
            foreach (var p in a.RecentPosts)
            {
                w.WriteVarInt(p);
            }

            w.WriteVarUInt((ulong)a.NicheCount);
            for (var i = 0; i < a.NicheCount; i++)
            {
                w.WriteVarInt(a.Niches[i].Niche);
                w.WriteVarInt(a.Niches[i].Impressions);
                w.WriteVarInt(a.Niches[i].Engagements);
            }
        }

        w.WriteStrings(_nicheNames);
        w.WriteVarUInt((ulong)_noteCount);
        for (var n = 0; n < _noteCount; n++)
        {
            w.WriteVarInt(_noteNiche[n]);
        }
    }

    private void LoadSignals(ref BinaryDecoder r)
    {
        var users = r.ReadCount();
        GrowUsers(users);
        for (var u = 0; u < users; u++)
        {
            _firstSeen[u] = r.ReadVarInt();
            if (_firstSeen[u] == 0)
            {
                continue;
            }

            _actions[u] = r.ReadVarInt32();
            _blindActions[u] = r.ReadVarInt32();
            var recent = r.ReadCount();
            for (var i = 0; i < recent; i++)
            {
                _recent.Add(u, r.ReadVarInt32());
            }

            _exposureNote[u] = r.ReadVarInt32();
            _exposureCount[u] = r.ReadVarInt32();
            _exposureSince[u] = r.ReadVarInt();
            if (!r.ReadBool())
            {
                continue;
            }

            var a = _authors[u] = new AuthorSignals
            {
                Impressions = r.ReadVarInt(), Engagements = r.ReadVarInt(), Negatives = r.ReadVarInt(),
                QualitySum = r.ReadDouble(), QualityCount = r.ReadVarInt32(), HasPending = r.ReadBool(), PendingQuality = r.ReadDouble(),
            };
            var posts = r.ReadCount();
            for (var i = 0; i < posts; i++)
            {
                a.AddPost(r.ReadVarInt());
            }

            var niches = r.ReadCount();
            for (var i = 0; i < niches; i++)
            {
                a.AddNiche(r.ReadVarInt32(), r.ReadVarInt(), r.ReadVarInt());
            }
        }

        foreach (var name in r.ReadStrings())
        {
            InternNiche(name);
        }

        _noteCount = r.ReadCount();
        _noteNiche = new int[_noteCount + 64];
        for (var n = 0; n < _noteCount; n++)
        {
            _noteNiche[n] = r.ReadVarInt32();
        }
    }

    public void Load(CoreState core, ref BinaryDecoder r)
    {
        _core = core;
        _sponsoredNotes.Clear();
        _sponsorIndexed = 0;
        _lastWeek = r.ReadInt64();
        _moderatorVerdictFor = r.ReadNullableString();
        LoadSignals(ref r);
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
            foreach (var line in r.ReadStrings())
            {
                a.Evidence.Add(Shared(line));
            }
        }

        LoadRest(ref r);
        _brandBanSeen = _brands.Values.Any(b => b.Penalties.Any(p => p.Kind == PenaltyKind.BrandBan));
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
            var list = new List<(int, long, int[])>(count);
            for (var j = 0; j < count; j++)
            {
                var author = r.ReadVarInt32();
                var at = r.ReadVarInt();
                var grams = new int[r.ReadCount()];
                for (var k = 0; k < grams.Length; k++)
                {
                    grams[k] = r.ReadVarInt32();
                }

                list.Add((author, at, grams));
            }

            _brandNotes[brand] = list;
        }

        var follows = r.ReadCount();
        for (var i = 0; i < follows; i++)
        {
            _follows.Enqueue((r.ReadVarInt(), r.ReadVarInt()));
        }

        var followed = r.ReadCount();
        for (var i = 0; i < followed; i++)
        {
            var pair = r.ReadVarInt();
            _followedAt[pair] = r.ReadVarInt();
        }

        var backs = r.ReadCount();
        for (var i = 0; i < backs; i++)
        {
            var user = r.ReadVarInt32();
            var q = new Queue<long>();
            var n = r.ReadCount();
            for (var k = 0; k < n; k++)
            {
                q.Enqueue(r.ReadVarInt());
            }

            _followBacks[user] = q;
        }

        _lastSweep = r.ReadInt64();
        _lastLongSweep = r.ReadInt64();
    }
}
