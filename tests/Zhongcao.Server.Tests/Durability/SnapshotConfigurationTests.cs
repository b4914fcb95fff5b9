using Zhongcao.Server.Tests.Support;

namespace Zhongcao.Server.Tests.Durability;

public class SnapshotConfigurationTests(FrequentSnapshotZhongcaoFactory factory) : IClassFixture<FrequentSnapshotZhongcaoFactory>
{
    [Fact]
    public async Task The_snapshot_interval_is_read_from_configuration()
    {
        using var client = factory.CreateClient();
        for (var i = 0; i < 6; i++)
        {
            using var response = await client.PutAsync($"/v1/users/s{i}", ApiTest.Json(new { displayName = "S" }));
            Assert.True(response.IsSuccessStatusCode);
        }

        // The writer serialises the snapshot at position 5 and goes on; a background task stores it, so the
        // file appears shortly after (bounded wait, not a timing assertion).
        var folder = factory.DbPath + ".snapshots";
        var expected = Path.Combine(folder, $"snapshot-{5:D20}.zcs");
        for (var waited = 0; waited < 300 && !File.Exists(expected); waited++)
        {
            await Task.Delay(100);
        }

        Assert.True(Directory.Exists(folder));
        Assert.Contains(expected, Directory.GetFiles(folder));
    }
}
