namespace Zhongcao.Engine.Log;

/// <summary>Kinds of log entries. Persisted as the <c>kind</c> column: never renumber, only append.</summary>
public enum LogEntryKind : byte
{
    UserUpserted = 1,
    FollowChanged = 2,
    NotePublished = 3,
    NoteEdited = 4,
    NoteDeleted = 5,
    EventRecorded = 6,
    NoteAssessed = 7,
    DistributionTick = 8,
    ReportFiled = 9,
    ModerationDecided = 10,
    AppealFiled = 11,
    SearchQueried = 12,
}
