using Zhongcao.Engine.Log;
using Zhongcao.Engine.Model;

namespace Zhongcao.Engine.Tests.Model;

/// <summary>
/// These enums are written into the log and snapshots as numbers. Renumbering one would silently change the
/// meaning of every stored entry, so their values are frozen here: a failure means "append, don't renumber".
/// </summary>
public class PersistedEnumStabilityTests
{
    [Fact]
    public void Event_type_numbers_are_frozen()
    {
        var expected = new Dictionary<EventType, int>
        {
            [EventType.Impression] = 0, [EventType.Click] = 1, [EventType.Dwell] = 2, [EventType.Like] = 3,
            [EventType.Unlike] = 4, [EventType.Save] = 5, [EventType.Unsave] = 6, [EventType.Comment] = 7,
            [EventType.Share] = 8, [EventType.Follow] = 9, [EventType.CarouselProgress] = 10,
            [EventType.VideoProgress] = 11, [EventType.ScrollAway] = 12, [EventType.NotInterested] = 13,
            [EventType.HideAuthor] = 14, [EventType.Report] = 15,
        };
        Assert.Equal(expected.Count, Enum.GetValues<EventType>().Length);
        Assert.Equal(EventTypes.Count, Enum.GetValues<EventType>().Length);
        foreach (var (type, value) in expected)
        {
            Assert.Equal(value, (int)type);
        }
    }

    [Fact]
    public void Log_entry_kind_numbers_are_frozen()
    {
        Assert.Equal(1, (int)LogEntryKind.UserUpserted);
        Assert.Equal(2, (int)LogEntryKind.FollowChanged);
        Assert.Equal(3, (int)LogEntryKind.NotePublished);
        Assert.Equal(4, (int)LogEntryKind.NoteEdited);
        Assert.Equal(5, (int)LogEntryKind.NoteDeleted);
        Assert.Equal(6, (int)LogEntryKind.EventRecorded);
        Assert.Equal(7, (int)LogEntryKind.NoteAssessed);
        Assert.Equal(8, (int)LogEntryKind.DistributionTick);
        Assert.Equal(12, (int)LogEntryKind.SearchQueried);
        Assert.Equal([0, 1, 2, 3], Enum.GetValues<PublicationVerdict>().Select(v => (int)v));
    }

    [Fact]
    public void Account_media_kind_and_surface_numbers_are_frozen()
    {
        Assert.Equal([0, 1, 2, 3], Enum.GetValues<AccountType>().Select(v => (int)v));
        Assert.Equal(["Personal", "Creator", "Brand", "Enterprise"], Enum.GetNames<AccountType>());
        Assert.Equal(["Image", "Video", "Live"], Enum.GetNames<MediaType>());
        Assert.Equal([0, 1, 2], Enum.GetValues<MediaType>().Select(v => (int)v));
        Assert.Equal(["Lifestyle", "Product"], Enum.GetNames<NoteKind>());
        Assert.Equal(["Feed", "Search", "Profile", "Related"], Enum.GetNames<Surface>());
        Assert.Equal([0, 1, 2, 3], Enum.GetValues<Surface>().Select(v => (int)v));
    }

    [Fact]
    public void Every_event_type_has_an_api_name_that_parses_back()
    {
        foreach (var type in Enum.GetValues<EventType>())
        {
            Assert.True(EventTypes.TryParse(type.ToApiName(), out var parsed));
            Assert.Equal(type, parsed);
        }

        Assert.False(EventTypes.TryParse("Like", out _));
    }
}
