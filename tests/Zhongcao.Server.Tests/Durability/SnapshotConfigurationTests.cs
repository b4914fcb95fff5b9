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

        var folder = factory.DbPath + ".snapshots";
        Assert.True(Directory.Exists(folder));
        Assert.Contains(Path.Combine(folder, $"snapshot-{5:D20}.zcs"), Directory.GetFiles(folder));
    }
}
