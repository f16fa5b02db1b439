using System.Data.Common;
using WealthActors.Audit;
using WealthActors.Grains.Audit;

namespace WealthActors.Silo.Storage.Audit;

/// <summary>Reads an entry from a row of <see cref="AuditSql.Columns"/>; each store says how it keeps instants.</summary>
internal static class AuditRows
{
    public static AuditEntry Read(DbDataReader row, Func<DbDataReader, int, DateTimeOffset> instant) => new(
        row.GetString(0),
        row.GetInt64(1),
        instant(row, 2),
        new AuditRecord(
            Channel: row.GetString(6),
            Action: row.GetString(8),
            Outcome: row.GetString(11),
            EmployeeId: Text(row, 3),
            KeyName: Text(row, 4),
            Door: Text(row, 5),
            ClientAddress: Text(row, 7),
            TargetType: Text(row, 9),
            TargetId: Text(row, 10),
            Digest: Text(row, 12)),
        row.GetString(13),
        row.GetString(14),
        row.GetString(15));

    /// <summary>Every column of <see cref="AuditSql.Columns"/> in order, instants as the store keeps them.</summary>
    public static IEnumerable<(string Name, object Value)> Values(AuditEntry entry, Func<DateTimeOffset, object> instant)
    {
        var r = entry.Record;
        yield return ("chain_id", entry.ChainId);
        yield return ("sequence", entry.Sequence);
        yield return ("at", instant(entry.At));
        yield return ("employee_id", Nullable(r.EmployeeId));
        yield return ("key_name", Nullable(r.KeyName));
        yield return ("door", Nullable(r.Door));
        yield return ("channel", r.Channel);
        yield return ("client_address", Nullable(r.ClientAddress));
        yield return ("action", r.Action);
        yield return ("target_type", Nullable(r.TargetType));
        yield return ("target_id", Nullable(r.TargetId));
        yield return ("outcome", r.Outcome);
        yield return ("digest", Nullable(r.Digest));
        yield return ("algorithm", entry.Algorithm);
        yield return ("previous_hash", entry.PreviousHash);
        yield return ("hash", entry.Hash);
    }

    private static object Nullable(string? value) => value is null ? DBNull.Value : value;

    private static string? Text(DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);
}
