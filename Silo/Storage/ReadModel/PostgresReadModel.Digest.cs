using Npgsql;
using WealthActors.ReadModel;

namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class PostgresReadModel
{
    public Task<IReadOnlyList<string>> OpenComplaintsOnCalendar(
        string calendarId, string? afterComplaintId, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync(DigestSql.OpenComplaintsOnCalendar, limit, parameters =>
        {
            parameters.Bind("calendar_id", calendarId);
            parameters.Bind("resolved", (int)ComplaintStatus.Resolved);
            parameters.Bind("after", afterComplaintId);
        }, reader => reader.GetString(0), cancellationToken);

    public async Task<IReadOnlyList<BranchRow>> ListBranches(CancellationToken cancellationToken = default)
    {
        await using var command = database.DataSource.CreateCommand(DigestSql.ListBranches);
        var rows = new List<BranchRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new BranchRow(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.ReadNullableString(3),
                reader.ReadNullableString(4), reader.ReadInstant(5)));
        }

        return rows;
    }

    public async Task<BranchSlaSummary> BranchSlaSummary(
        string branchId, DateTimeOffset since, int overdueLimit, CancellationToken cancellationToken = default)
    {
        long[] counts;
        await using (var command = database.DataSource.CreateCommand(DigestSql.BranchCounts))
        {
            BindSummary(command.Parameters, branchId);
            command.Parameters.Bind("since", since);
            command.Parameters.Bind("on_track", (int)SlaState.OnTrack);
            command.Parameters.Bind("at_risk", (int)SlaState.AtRisk);
            command.Parameters.Bind("breached", (int)SlaState.Breached);
            command.Parameters.Bind("paused", (int)SlaState.Paused);
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

    private static void BindSummary(NpgsqlParameterCollection parameters, string branchId)
    {
        parameters.Bind("branch_id", branchId);
        parameters.Bind("resolved", (int)ComplaintStatus.Resolved);
    }
}
