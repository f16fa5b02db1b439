using Microsoft.Data.Sqlite;
using WealthActors.ReadModel;

namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class SqliteReadModel
{
    public Task<IReadOnlyList<string>> OpenComplaintsOnCalendar(
        string calendarId, string? afterComplaintId, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync(DigestSql.OpenComplaintsOnCalendar, limit, parameters =>
        {
            parameters.AddWithValue("@calendar_id", calendarId);
            parameters.AddWithValue("@resolved", (int)ComplaintStatus.Resolved);
            parameters.AddWithValue("@after", SqliteValues.Nullable(afterComplaintId));
        }, reader => reader.GetString(0), cancellationToken);

    public async Task<IReadOnlyList<BranchRow>> ListBranches(CancellationToken cancellationToken = default)
    {
        await database.EnsureSchemaAsync(cancellationToken);
        await using var connection = database.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = DigestSql.ListBranches;
        var rows = new List<BranchRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new BranchRow(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), SqliteValues.ReadNullableString(reader, 3),
                SqliteValues.ReadNullableString(reader, 4), SqliteValues.ReadInstant(reader, 5)));
        }

        return rows;
    }

    public async Task<BranchSlaSummary> BranchSlaSummary(
        string branchId, DateTimeOffset since, int overdueLimit, CancellationToken cancellationToken = default)
    {
        await database.EnsureSchemaAsync(cancellationToken);
        long[] counts;
        await using (var connection = database.OpenRead())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = DigestSql.BranchCounts;
            BindSummary(command.Parameters, branchId);
            command.Parameters.AddWithValue("@since", SqliteValues.Instant(since));
            command.Parameters.AddWithValue("@on_track", (int)SlaState.OnTrack);
            command.Parameters.AddWithValue("@at_risk", (int)SlaState.AtRisk);
            command.Parameters.AddWithValue("@breached", (int)SlaState.Breached);
            command.Parameters.AddWithValue("@paused", (int)SlaState.Paused);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            counts = [.. Enumerable.Range(0, 6).Select(reader.GetInt64)];
        }

        var overdue = await ReadAsync(
            $"SELECT {ComplaintColumns} FROM rm_complaints {DigestSql.MostOverdueWhere};",
            overdueLimit, parameters => BindSummary(parameters, branchId), ReadComplaint, cancellationToken);
        return new BranchSlaSummary(
            branchId, (int)counts[0], (int)counts[1], (int)counts[2], (int)counts[3], (int)counts[4], (int)counts[5], overdue);
    }

    private static void BindSummary(SqliteParameterCollection parameters, string branchId)
    {
        parameters.AddWithValue("@branch_id", branchId);
        parameters.AddWithValue("@resolved", (int)ComplaintStatus.Resolved);
    }
}
