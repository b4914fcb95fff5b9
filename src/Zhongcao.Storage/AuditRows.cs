using System.Data.Common;
using Zhongcao.Engine.Governance.Enforcement;

namespace Zhongcao.Storage;

/// <summary>Reads audit rows (number, at, subject, ..., hash in table order) from any ADO.NET provider.</summary>
internal static class AuditRows
{
    public static List<AuditEntry> ReadAll(DbDataReader reader)
    {
        var result = new List<AuditEntry>();
        while (reader.Read())
        {
            result.Add(new AuditEntry
            {
                Number = reader.GetInt64(0),
                At = new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero),
                Subject = reader.GetString(2),
                Action = reader.GetString(3),
                Restriction = reader.GetString(4),
                Until = reader.GetString(5),
                Facts = reader.GetString(6),
                Rule = reader.GetString(7),
                Automated = Convert.ToInt64(reader.GetValue(8), System.Globalization.CultureInfo.InvariantCulture) != 0,
                DecidedBy = reader.GetString(9),
                HowToAppeal = reader.GetString(10),
                PreviousHash = reader.GetString(11),
                Hash = reader.GetString(12),
            });
        }

        return result;
    }
}
