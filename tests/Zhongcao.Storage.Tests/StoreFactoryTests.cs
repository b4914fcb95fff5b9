using Zhongcao.Storage.Memory;
using Zhongcao.Storage.Sqlite;
using Zhongcao.Storage.Tests.Support;

using Zhongcao.Tests.Shared;

namespace Zhongcao.Storage.Tests;

public sealed class StoreFactoryTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Memory_is_chosen_by_the_memory_connection_string() =>
        Assert.IsType<MemoryStore>(StoreFactory.Open(" :memory: "));

    [Theory]
    [InlineData("sqlite:{0}")]
    [InlineData("Data Source={0};")]
    [InlineData("{0}")]
    public void Sqlite_is_chosen_by_prefix_data_source_or_plain_path(string pattern)
    {
        var path = _dir.File("a.db");
        using var store = StoreFactory.Open(string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, path));

        var sqlite = Assert.IsType<SqliteStore>(store);
        Assert.Equal(path, sqlite.Path);
        Assert.Equal("sqlite:" + path, store.Description);
    }

    [Fact]
    public void A_data_source_connection_string_with_more_keys_opens_the_named_file()
    {
        var path = _dir.File("b.db");
        using var store = StoreFactory.Open($"Data Source={path};Cache=Shared");

        Assert.Equal(path, Assert.IsType<SqliteStore>(store).Path);
    }

    [Fact]
    public void An_unreadable_data_source_connection_string_is_a_store_exception() =>
        Assert.Throws<StoreException>(() => StoreFactory.Open($"Data Source={_dir.File("c.db")};NoSuchKey=1"));

    [Theory]
    [InlineData("postgres://u:secret@localhost/db")]
    [InlineData("Host=localhost;Password=secret")]
    public void Postgres_is_refused_without_echoing_the_password(string connection)
    {
        var ex = Assert.Throws<StoreException>(() => StoreFactory.Open(connection));
        Assert.DoesNotContain("secret", ex.Message);
    }

    [Fact]
    public void An_unopenable_path_becomes_a_store_exception()
    {
        var blocker = _dir.File("file");
        File.WriteAllText(blocker, "not a folder");

        Assert.Throws<StoreException>(() => StoreFactory.Open(Path.Combine(blocker, "sub", "x.db")));
    }
}
