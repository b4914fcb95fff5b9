using System.Buffers;
using BenchmarkDotNet.Attributes;
using Zhongcao.Engine.Log;

namespace Zhongcao.Benchmarks;

/// <summary>Encoding and decoding one event body: done once per event on the write path and on replay.</summary>
[MemoryDiagnoser]
public class LogCodecBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private EventRecorded _entry = null!;
    private byte[] _body = [];

    [GlobalSetup]
    public void Setup()
    {
        // An impression with a surface and position: the most common event.
        _entry = BenchData.Create(50, 50, 500).Events.First(e => e.Event.Type == Engine.Model.EventType.Impression);
        _body = LogCodec.EncodeBody(_entry);
    }

    [Benchmark]
    public int EncodeEvent()
    {
        _buffer.ResetWrittenCount();
        LogCodec.EncodeBody(_entry, _buffer);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public LogEntry DecodeEvent() => LogCodec.Decode(LogEntryKind.EventRecorded, BenchData.Now, _body);
}
