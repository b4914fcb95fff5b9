using System.Buffers.Binary;
using Zhongcao.Engine.Snapshots;

namespace Zhongcao.Engine.Distribution;

public sealed partial class NoteDistribution
{
    /// <summary>
    /// A note that has left the pools for good and has not changed for this long is packed (<see cref="Archive"/>) by
    /// the next hourly pass: two hours, so a note still collecting the actions that follow its last impressions stays
    /// unpacked, and one the long tail serves again now and then is unpacked for the event and packed again later.
    /// </summary>
    internal static readonly TimeSpan ArchiveAfterIdle = TimeSpan.FromHours(2);

    /// <summary>True while the module lists the note as changed since last packed (packing bookkeeping, not state).</summary>
    internal bool Listed { get => Flag(ListedFlag); set => SetFlag(ListedFlag, value); }

    /// <summary>True while the counted part is packed (memory layout only: no observable state depends on it).</summary>
    internal bool Archived => Volatile.Read(ref _body) is byte[];

    /// <summary>
    /// The counted part, unpacked first when it is packed. The unpacked body replaces the bytes with a compare-and-swap
    /// against the exact array read, so a reader and the writer unpacking at once agree on one body, and a reader can
    /// never publish a body decoded from bytes the writer has since replaced.
    /// </summary>
    private Body Live
    {
        get
        {
            // The flag is set only while the writer edits this note, so other accesses read one field, not the thread's.
            if (Flag(EditingFlag) && ReferenceEquals(t_editing, this))
            {
                return t_edited!;
            }

            var b = Volatile.Read(ref _body);
            return b as Body ?? Unpack(b);
        }
    }

    /// <summary>The counted part as readers find it: the body being edited on this thread (writer), else the live body or the packed bytes.</summary>
    private object BodyOrBytes => Flag(EditingFlag) && ReferenceEquals(t_editing, this) ? t_edited! : Volatile.Read(ref _body);

    // The writer's edit of a packed note (BeginEdit .. EndEdit): the note and the decoded body it works on, held by
    // the writer thread only, never published, so readers keep decoding the bytes until the edit's result replaces them.
    [ThreadStatic]
    private static NoteDistribution? t_editing;

    [ThreadStatic]
    private static Body? t_edited;

    /// <summary>
    /// Starts a writer edit of a packed note (false when the note is not packed): until <see cref="EndEdit"/> every
    /// access on this thread works on a decoded body that is not published, so an event on a quiet note does not
    /// leave an unpacked body behind (which would live for hours of log time, reach the oldest generation of the
    /// heap and be packed again later), and readers keep reading the previous packed bytes meanwhile.
    /// </summary>
    internal bool BeginEdit()
    {
        if (t_editing is not null || Volatile.Read(ref _body) is not byte[] bytes)
        {
            return false;
        }

        t_edited = Body.Unpack(bytes, _publishedAt, _tagTable, keepLog: true);
        t_editing = this;
        SetFlag(EditingFlag, true);
        return true;
    }

    /// <summary>
    /// Ends the edit begun by <see cref="BeginEdit"/>: a note still out of the pools for good is packed again at once
    /// (the same array is kept when nothing changed); one the edit moved back into play keeps the body unpacked.
    /// Returns true when the note stays packed.
    /// </summary>
    internal bool EndEdit()
    {
        var body = t_edited!;
        t_editing = null;
        t_edited = null;
        SetFlag(EditingFlag, false);
        if (PoolStage is not (DistributionStage.Sustained or DistributionStage.Saturated or DistributionStage.Removed) || HeldStage is not null)
        {
            Volatile.Write(ref _body, body);
            return false;
        }

        var packed = body.PackSpan(_publishedAt, _tagTable);
        if (Volatile.Read(ref _body) is not byte[] old || !packed.SequenceEqual(old))
        {
            Volatile.Write(ref _body, packed.ToArray());
        }

        return true;
    }

    private Body Unpack(object b)
    {
        while (true)
        {
            if (b is Body live)
            {
                return live;
            }

            var fresh = Body.Unpack((byte[])b, _publishedAt, _tagTable);
            var won = Interlocked.CompareExchange(ref _body, fresh, b);
            if (ReferenceEquals(won, b))
            {
                return fresh;
            }

            b = won;
        }
    }

    /// <summary>The counted part for reading only: the live body, or one decoded from the packed bytes and not kept.</summary>
    private Body Peek()
    {
        var b = BodyOrBytes;
        return b as Body ?? Body.Unpack((byte[])b, _publishedAt, _tagTable);
    }

    private HourlyCounts PeekHourly()
    {
        var b = BodyOrBytes;
        if (b is Body live)
        {
            return live.Hourly;
        }

        var r = new BinaryDecoder((byte[])b);
        return Body.ReadHourly(ref r, _publishedAt);
    }

    private int PeekTransitionCount()
    {
        var b = BodyOrBytes;
        if (b is Body live)
        {
            return live.Transitions.Count;
        }

        var r = new BinaryDecoder((byte[])b);
        Body.SkipHourly(ref r);
        return r.ReadCount();
    }

    /// <summary>
    /// True when the note can be packed at <paramref name="now"/>: out of the pools for good (sustained, saturated,
    /// removed), nothing held to resume, and no stage change or counted hour within <see cref="ArchiveAfterIdle"/>.
    /// </summary>
    internal bool CanArchive(DateTimeOffset now)
    {
        if (PoolStage is not (DistributionStage.Sustained or DistributionStage.Saturated or DistributionStage.Removed) || HeldStage is not null
            || Volatile.Read(ref _body) is not Body live)
        {
            return false;
        }

        var idleFrom = now.UtcTicks - ArchiveAfterIdle.Ticks;
        if (_stageStartedAt > idleFrom)
        {
            return false;
        }

        var hourly = live.Hourly;
        return hourly.Entries == 0 || (HourlyCounts.HourOf(hourly.EntryAt(hourly.Entries - 1)) + 1) * TimeSpan.TicksPerHour <= idleFrom;
    }

    /// <summary>Packs the counted part (writer only). Any later access unpacks it again, exactly.</summary>
    internal void Archive()
    {
        if (Volatile.Read(ref _body) is Body live)
        {
            Volatile.Write(ref _body, live.Pack(_publishedAt, _tagTable));
        }
    }

    /// <summary>Unpacks the counted part if it is packed (writer, tests).</summary>
    internal void Unarchive() => _ = Live;

    /// <summary>
    /// What is counted about a note: stage and lifetime counters, tallies by surface and stage, counted viewers,
    /// hourly counts, audience interests and transitions. Kept as an object of its own so a quiet note can hold it as
    /// packed bytes instead (<see cref="Pack"/>): varints with zero values left out, sorted keys as deltas, weighted
    /// sums in thousandths when that is exact, the transition log as is.
    /// </summary>
    private sealed class Body
    {
        public ViewerSet Viewers;
        public int Excluded;
        public int FollowerViewers;
        public int ReturningViewers;
        public StageCounters Current;
        public StageCounters Total;
        public Inline4<int> ImpressionsBySurface;
        public Inline4<double> WeightedBySurface;
        public Inline7<int> ImpressionsByStage;
        public Inline7<double> WeightedByStage;
        public long[]? Audience; // (tag id << 32) | count, ascending tag id
        public int AudienceCount;
        public HourlyCounts Hourly;
        private TransitionLog _transitions;

        // A writer's edit of a packed note leaves the transitions in their packed form (where in which bytes, how many)
        // until something reads or extends them, and packs them back as they were: most events add no transition.
        private byte[]? _packedLog;
        private int _packedLogAt;
        private int _packedLogLength;
        private int _packedLogCount;
        private double _packedLogZ;

        public ref TransitionLog Transitions
        {
            get
            {
                if (_packedLog is not null)
                {
                    RestoreLog();
                }

                return ref _transitions;
            }
        }

        private void RestoreLog()
        {
            var packed = _packedLog.AsSpan(_packedLogAt, _packedLogLength);
            var restored = Scratch(TransitionLog.MaxTranscoded(packed.Length));
            var length = TransitionLog.Unpack(packed, restored, _packedLogZ);
            _transitions = TransitionLog.FromBytes(restored.AsSpan(0, length).ToArray(), _packedLogCount);
            _packedLog = null;
        }

        public double Quality = 50;
        public double AuthorityBudget = 1;
        public double AuthorityThreshold = 1;
        public string AuthorityNiche = "";
        public int AuthorityReason; // id in the text table (0 = "")
        public long Budget; // the current stage's impression budget or target
        public long WindowEndsAt; // UTC ticks

        [ThreadStatic]
        private static byte[]? t_buffer;

        [ThreadStatic]
        private static byte[]? t_transitions;

        /// <summary>A per-thread buffer of at least <paramref name="length"/> bytes for transcoding a transition log.</summary>
        private static byte[] Scratch(int length) =>
            t_transitions is { } b && b.Length >= length ? b : t_transitions = new byte[Math.Max(length, 1024)];

        public void CountInterest(int tagId, int max)
        {
            var lo = 0;
            var hi = AudienceCount - 1;
            while (lo <= hi)
            {
                var mid = (lo + hi) >>> 1;
                var id = (int)(Audience![mid] >> 32);
                if (id == tagId)
                {
                    Audience[mid]++;
                    return;
                }

                if (id < tagId)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            if (AudienceCount >= max)
            {
                return;
            }

            if (Audience is null || AudienceCount == Audience.Length)
            {
                // Grown four entries at a time: tallies stay small (a dozen interests), so doubling mostly bought empty slots.
                Array.Resize(ref Audience, Audience is null ? 4 : Math.Min(max, Audience.Length + Math.Max(4, Audience.Length / 4)));
            }

            Array.Copy(Audience, lo, Audience, lo + 1, AudienceCount - lo);
            Audience[lo] = ((long)tagId << 32) | 1;
            AudienceCount++;
        }

        public void SetInterest(int tagId, long count)
        {
            CountInterest(tagId, int.MaxValue);
            for (var i = 0; i < AudienceCount; i++)
            {
                if ((int)(Audience![i] >> 32) == tagId)
                {
                    Audience[i] = ((long)tagId << 32) | (uint)count;
                }
            }
        }

        /// <summary>
        /// The packed form: hourly entries (first, so <see cref="ReadHourly"/> reads them alone), transitions,
        /// interests, viewers, then the scalar counters behind a bit mask of the non-zero ones.
        /// </summary>
        public byte[] Pack(long origin, TagTable tags) => PackSpan(origin, tags).ToArray();

        /// <summary>The packed form in a per-thread buffer, valid until this thread packs again.</summary>
        public ReadOnlySpan<byte> PackSpan(long origin, TagTable tags)
        {
            var w = new PackWriter(t_buffer ??= new byte[512]);

            w.WriteVarUInt((ulong)Hourly.Entries);
            var lastKey = KeyOrigin(origin); // the first hour relative to publication: one or two bytes, not four
            for (var i = 0; i < Hourly.Entries; i++)
            {
                var e = Hourly.EntryAt(i);
                var key = (HourlyCounts.HourOf(e) * 16) + HourlyCounts.KindOf(e);
                w.WriteVarInt(key - lastKey);
                w.WriteVarInt(HourlyCounts.CountOf(e));
                lastKey = key;
            }

            if (_packedLog is not null && _packedLogZ.Equals(tags.WilsonZ))
            {
                w.WriteVarUInt((ulong)_packedLogCount);
                w.WriteVarUInt((ulong)_packedLogLength);
                w.WriteRaw(_packedLog.AsSpan(_packedLogAt, _packedLogLength));
            }
            else
            {
                w.WriteVarUInt((ulong)Transitions.Count);
                var log = Transitions.Bytes;
                var transcoded = Scratch(TransitionLog.MaxTranscoded(log.Length));
                var length = TransitionLog.Pack(log, transcoded, tags.WilsonZ);
                w.WriteVarUInt((ulong)length);
                w.WriteRaw(transcoded.AsSpan(0, length));
            }

            w.WriteVarUInt((ulong)AudienceCount);
            var lastTag = 0L;
            for (var i = 0; i < AudienceCount; i++)
            {
                var tag = Audience![i] >> 32;
                w.WriteVarInt(tag - lastTag);
                w.WriteVarInt((int)Audience[i]);
                lastTag = tag;
            }

            w.WriteVarUInt((ulong)Viewers.Count);
            var slots = SaveScratch.Longs(Viewers.Count);
            var n = Viewers.CopySlots(slots);
            slots = slots[..n];
            slots.Sort();
            var lastUser = 0L;
            foreach (var s in slots)
            {
                var user = (long)((ulong)s >> 32);
                w.WriteVarInt(user - lastUser);
                w.WriteVarUInt(RecordCode((uint)s));
                lastUser = user;
            }

            Span<long> ints = stackalloc long[Scalars];
            Span<double> doubles = stackalloc double[Scalars];
            var mask = 0UL;
            int k;
            Gather(ints, doubles, origin, tags);
            for (k = 0; k < Scalars; k++)
            {
                if (IsDouble(k) ? BitConverter.DoubleToInt64Bits(doubles[k]) != BitConverter.DoubleToInt64Bits(DefaultOf(k)) : ints[k] != 0)
                {
                    mask |= 1UL << k;
                }
            }

            // The mask as a byte naming the non-zero bytes of it, then those bytes (7 bytes for a usual note instead of
            // a 10-byte varint: the last scalars, quality to the window's end, are rarely all default).
            var groups = 0;
            for (var g = 0; g < 8; g++)
            {
                groups |= ((mask >> (8 * g)) & 0xFF) != 0 ? 1 << g : 0;
            }

            w.WriteByte((byte)groups);
            for (var g = 0; g < 8; g++)
            {
                if ((groups & (1 << g)) != 0)
                {
                    w.WriteByte((byte)(mask >> (8 * g)));
                }
            }

            Span<long> written = stackalloc long[Scalars]; // doubles written so far: a repeat (a note seen on one surface and in one stage has the same sum four times) is a reference
            var writtenCount = 0;
            for (k = 0; k < Scalars; k++)
            {
                if ((mask & (1UL << k)) == 0)
                {
                    continue;
                }

                if (!IsDouble(k))
                {
                    w.WriteVarInt(ints[k]);
                    continue;
                }

                var bits = BitConverter.DoubleToInt64Bits(doubles[k]);
                var seen = written[..writtenCount].IndexOf(bits);
                if (seen >= 0)
                {
                    w.WriteVarUInt(((ulong)seen << 2) | RepeatCode);
                    continue;
                }

                written[writtenCount++] = bits;
                if (AsThousandths(doubles[k]) is { } thousandths)
                {
                    w.WriteVarUInt((Zig(thousandths) << 2) | ThousandthsCode);
                }
                else
                {
                    w.WriteVarUInt(RawCode);
                    w.WriteDouble(doubles[k]);
                }
            }

            t_buffer = w.Buffer; // keep a grown buffer for the next note
            return w.Written;
        }

        /// <summary>
        /// Decodes packed bytes. With <paramref name="keepLog"/> (a writer's edit) the transitions stay packed, pointing
        /// into <paramref name="bytes"/>, until they are read or extended.
        /// </summary>
        public static Body Unpack(byte[] bytes, long origin, TagTable tags, bool keepLog = false)
        {
            var r = new BinaryDecoder(bytes);
            var body = new Body { Hourly = ReadHourly(ref r, origin) };
            var count = r.ReadCount();
            var logLength = r.ReadCount();
            var logAt = (int)r.Position;
            var skipped = Scratch(logLength);
            r.ReadInto(skipped.AsSpan(0, logLength));
            body._packedLog = bytes;
            body._packedLogAt = logAt;
            body._packedLogLength = logLength;
            body._packedLogCount = count;
            body._packedLogZ = tags.WilsonZ;
            if (!keepLog)
            {
                body.RestoreLog();
            }

            var n = r.ReadCount();
            if (n > 0)
            {
                body.Audience = new long[n];
                body.AudienceCount = n;
                var tag = 0L;
                for (var i = 0; i < n; i++)
                {
                    tag += r.ReadVarInt();
                    body.Audience[i] = (tag << 32) | (uint)r.ReadVarInt();
                }
            }

            n = r.ReadCount();
            var slots = n <= 64 ? stackalloc long[n] : new long[n];
            var user = 0L;
            for (var i = 0; i < n; i++)
            {
                user += r.ReadVarInt();
                slots[i] = (user << 32) | RecordOf(r.ReadVarUInt());
            }

            body.Viewers = ViewerSet.FromSlots(slots);

            var groups = r.ReadByte();
            var mask = 0UL;
            for (var g = 0; g < 8; g++)
            {
                if ((groups & (1 << g)) != 0)
                {
                    mask |= (ulong)r.ReadByte() << (8 * g);
                }
            }

            Span<long> ints = stackalloc long[Scalars];
            Span<double> doubles = stackalloc double[Scalars];
            Span<long> written = stackalloc long[Scalars];
            var writtenCount = 0;
            for (var k = 0; k < Scalars; k++)
            {
                if ((mask & (1UL << k)) == 0)
                {
                    doubles[k] = DefaultOf(k);
                    continue;
                }

                if (!IsDouble(k))
                {
                    ints[k] = r.ReadVarInt();
                    continue;
                }

                var head = r.ReadVarUInt();
                doubles[k] = (head & 3) switch
                {
                    ThousandthsCode => Unzig(head >> 2) / 1000.0,
                    RepeatCode => BitConverter.Int64BitsToDouble(written[(int)(head >> 2)]),
                    _ => r.ReadDouble(),
                };
                if ((head & 3) != RepeatCode)
                {
                    written[writtenCount++] = BitConverter.DoubleToInt64Bits(doubles[k]);
                }
            }

            body.Scatter(ints, doubles, origin, tags);
            return body;
        }

        public static HourlyCounts ReadHourly(ref BinaryDecoder r, long origin)
        {
            var n = r.ReadCount();
            var entries = n == 0 ? null : new long[n];
            var key = KeyOrigin(origin);
            for (var i = 0; i < n; i++)
            {
                key += r.ReadVarInt();
                entries![i] = HourlyCounts.Entry(key, r.ReadVarInt());
            }

            return HourlyCounts.FromEntries(entries, n);
        }

        /// <summary>The hourly key (hour × 16 + kind) the packed entries start from: the publication hour's.</summary>
        private static long KeyOrigin(long origin) => origin / TimeSpan.TicksPerHour * 16;

        public static void SkipHourly(ref BinaryDecoder r)
        {
            var n = r.ReadCount();
            for (var i = 0; i < n; i++)
            {
                _ = r.ReadVarUInt();
                _ = r.ReadVarUInt();
            }
        }

        /// <summary>
        /// Scalars in packing order: 3 note counts, 4 + 4 by surface, 7 + 7 by stage, 2 × 16 stage counters, then quality,
        /// the authority budget and threshold multipliers, the authority reason's text id, the niche's tag id + 1, the
        /// stage's budget and its window's end (zig-zag ticks after publication + 1, so 0 still means none).
        /// </summary>
        private const int Scalars = 3 + 8 + 14 + (2 * CounterFields) + 7;

        private const int Tail = 3 + 8 + 14 + (2 * CounterFields);

        // How a packed double is written: the low two bits of its head varint.
        private const ulong ThousandthsCode = 0; // the value in thousandths, zigzag, in the upper bits
        private const ulong RawCode = 1; // the 8 bytes follow
        private const ulong RepeatCode = 2; // the same bits as the n-th double this note wrote, n in the upper bits

        /// <summary>The value a scalar slot leaves out of the packed form (quality 50, multipliers 1, else 0).</summary>
        private static double DefaultOf(int k) => k == Tail ? 50 : k is Tail + 1 or Tail + 2 ? 1 : 0;

        private const int CounterFields = 4 + ActionKinds.Count;

        /// <summary>Which scalar slots hold a weighted sum (a double): the weighted value after each impression count.</summary>
        private static bool IsDouble(int k) => k >= 3 && k < 25 ? (k & 1) == 0 : k == 25 + 1 || k == 25 + CounterFields + 1 || k is Tail or Tail + 1 or Tail + 2;

        private void Gather(Span<long> ints, Span<double> doubles, long origin, TagTable tags)
        {
            doubles[Tail] = Quality;
            doubles[Tail + 1] = AuthorityBudget;
            doubles[Tail + 2] = AuthorityThreshold;
            ints[Tail + 3] = AuthorityReason;
            ints[Tail + 4] = AuthorityNiche.Length == 0 ? 0 : tags.IdOf(AuthorityNiche) + 1;
            ints[Tail + 5] = Budget;
            ints[Tail + 6] = WindowEndsAt == 0 ? 0 : (long)(Instant(WindowEndsAt - origin) + 1);
            ints[0] = Excluded;
            ints[1] = FollowerViewers;
            ints[2] = ReturningViewers;
            var k = 3;
            for (var i = 0; i < 4; i++, k += 2)
            {
                ints[k] = ImpressionsBySurface[i];
                doubles[k + 1] = WeightedBySurface[i];
            }

            for (var i = 0; i < 7; i++, k += 2)
            {
                ints[k] = ImpressionsByStage[i];
                doubles[k + 1] = WeightedByStage[i];
            }

            GatherCounters(ref Current, ints[k..], doubles[k..], origin);
            k += CounterFields;
            GatherCounters(ref Total, ints[k..], doubles[k..], origin);
        }

        private void Scatter(ReadOnlySpan<long> ints, ReadOnlySpan<double> doubles, long origin, TagTable tags)
        {
            Quality = doubles[Tail];
            AuthorityBudget = doubles[Tail + 1];
            AuthorityThreshold = doubles[Tail + 2];
            AuthorityReason = (int)ints[Tail + 3];
            AuthorityNiche = ints[Tail + 4] == 0 ? "" : tags[(int)ints[Tail + 4] - 1];
            Budget = ints[Tail + 5];
            WindowEndsAt = ints[Tail + 6] == 0 ? 0 : InstantOf((ulong)ints[Tail + 6] - 1) + origin;
            Excluded = (int)ints[0];
            FollowerViewers = (int)ints[1];
            ReturningViewers = (int)ints[2];
            var k = 3;
            for (var i = 0; i < 4; i++, k += 2)
            {
                ImpressionsBySurface[i] = (int)ints[k];
                WeightedBySurface[i] = doubles[k + 1];
            }

            for (var i = 0; i < 7; i++, k += 2)
            {
                ImpressionsByStage[i] = (int)ints[k];
                WeightedByStage[i] = doubles[k + 1];
            }

            ScatterCounters(ref Current, ints[k..], doubles[k..], origin);
            k += CounterFields;
            ScatterCounters(ref Total, ints[k..], doubles[k..], origin);
        }

        // The first impression's instant relative to publication (zig-zag + 1, so 0 still means none): a few bytes, not nine.
        private static void GatherCounters(ref StageCounters c, Span<long> ints, Span<double> doubles, long origin)
        {
            ints[0] = c.Impressions;
            doubles[1] = c.Weighted;
            ints[2] = c.ProgressViewers;
            var first = c.FirstImpressionAtTicks;
            ints[3] = first == 0 ? 0 : (long)(Zig(first - origin) + 1);
            for (var i = 0; i < ActionKinds.Count; i++)
            {
                ints[4 + i] = c.Actions[i];
            }
        }

        private static void ScatterCounters(ref StageCounters c, ReadOnlySpan<long> ints, ReadOnlySpan<double> doubles, long origin)
        {
            c.Impressions = ints[0];
            c.Weighted = doubles[1];
            c.ProgressViewers = ints[2];
            c.FirstImpressionAtTicks = ints[3] == 0 ? 0 : Unzig((ulong)ints[3] - 1) + origin;
            for (var i = 0; i < ActionKinds.Count; i++)
            {
                c.Actions[i] = (int)ints[4 + i];
            }
        }

        /// <summary>
        /// The value in thousandths when that gives it back bit for bit (the engagement weights have at most three
        /// decimals, so most sums of them do), else null: the value keeps its 8 bytes.
        /// </summary>
        private static long? AsThousandths(double v)
        {
            var scaled = Math.Round(v * 1000);
            if (!(Math.Abs(scaled) < (1L << 50)))
            {
                return null;
            }

            var thousandths = (long)scaled;
            return BitConverter.DoubleToInt64Bits(thousandths / 1000.0) == BitConverter.DoubleToInt64Bits(v) ? thousandths : null;
        }

        /// <summary>
        /// A viewer's record (mask | surface &lt;&lt; 16 | stage &lt;&lt; 24, as a set slot holds it) for the packed form:
        /// stage in 3 bits, surface in 2, the mask above them, shifted left once (one byte for a viewer who only saw
        /// the note, against four for the slot's layout once the stage is past cold start); the slot's 32 bits
        /// themselves, marked by the low bit, when a stage or surface does not fit.
        /// </summary>
        private static ulong RecordCode(uint slot)
        {
            uint mask = slot & 0xFFFF, surface = (slot >> 16) & 0xFF, stage = slot >> 24;
            return surface < 4 && stage < 8 ? (ulong)((mask << 5) | (surface << 3) | stage) << 1 : ((ulong)slot << 1) | 1;
        }

        private static long RecordOf(ulong code)
        {
            if ((code & 1) != 0)
            {
                return (long)(uint)(code >> 1);
            }

            var c = (uint)(code >> 1);
            return (c >> 5) | (((c >> 3) & 3) << 16) | ((c & 7) << 24);
        }

        /// <summary>A tick delta as whole seconds when it is one (a window of whole hours from publication: 3 bytes, not 6), marked by the low bit.</summary>
        private static ulong Instant(long delta) =>
            delta % TimeSpan.TicksPerSecond == 0 ? (Zig(delta / TimeSpan.TicksPerSecond) << 1) | 1 : Zig(delta) << 1;

        private static long InstantOf(ulong code) =>
            (code & 1) != 0 ? Unzig(code >> 1) * TimeSpan.TicksPerSecond : Unzig(code >> 1);

        private static ulong Zig(long v) => (ulong)((v << 1) ^ (v >> 63));

        private static long Unzig(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);
    }

    /// <summary>
    /// Appends varints and raw bytes to a growable buffer (packing runs on the writer, once per quiet note). Its bytes
    /// use the snapshot encoding (zig-zag varints, little-endian doubles, length-prefixed raw bytes), so
    /// <see cref="BinaryDecoder"/> reads them back.
    /// </summary>
    private ref struct PackWriter(byte[] buffer)
    {
        private int _length;

        public byte[] Buffer { get; private set; } = buffer;

        public readonly ReadOnlySpan<byte> Written => Buffer.AsSpan(0, _length);

        public void WriteVarUInt(ulong value)
        {
            Ensure(10);
            while (value >= 0x80)
            {
                Buffer[_length++] = (byte)(value | 0x80);
                value >>= 7;
            }

            Buffer[_length++] = (byte)value;
        }

        public void WriteVarInt(long value) => WriteVarUInt((ulong)((value << 1) ^ (value >> 63)));

        public void WriteByte(byte value)
        {
            Ensure(1);
            Buffer[_length++] = value;
        }

        public void WriteDouble(double value)
        {
            Ensure(8);
            BinaryPrimitives.WriteInt64LittleEndian(Buffer.AsSpan(_length), BitConverter.DoubleToInt64Bits(value));
            _length += 8;
        }

        public void WriteRaw(scoped ReadOnlySpan<byte> bytes)
        {
            Ensure(bytes.Length);
            bytes.CopyTo(Buffer.AsSpan(_length));
            _length += bytes.Length;
        }

        private void Ensure(int more)
        {
            if (_length + more > Buffer.Length)
            {
                var grown = new byte[Math.Max(Buffer.Length * 2, _length + more)];
                Buffer.AsSpan(0, _length).CopyTo(grown);
                Buffer = grown;
            }
        }
    }
}
