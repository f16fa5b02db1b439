using WealthActors.ReadModel;

namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class SqlReadModel
{
    public Task<IReadOnlyList<string>> OpenComplaintsOnCalendar(
        string calendarId, string? afterComplaintId, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync(DigestSql.OpenComplaintsOnCalendar, limit, parameters =>
        {
            parameters.Text("calendar_id", calendarId);
            parameters.Integer("resolved", (int)ComplaintStatus.Resolved);
            parameters.Text("after", afterComplaintId);
        }, reader => reader.GetString(0), cancellationToken);

    public Task<IReadOnlyList<BranchRow>> ListBranches(CancellationToken cancellationToken = default) =>
        QueryAsync(DigestSql.ListBranches, _ => { }, reader => new BranchRow(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), ReadNullableString(reader, 3),
            ReadNullableString(reader, 4), _dialect.ReadInstant(reader, 5)), cancellationToken);

    public async Task<BranchSlaSummary> BranchSlaSummary(
        string branchId, DateTimeOffset since, int overdueLimit, CancellationToken cancellationToken = default)
    {
        var counts = (await QueryAsync(DigestSql.BranchCounts, parameters =>
        {
            BindSummary(parameters, branchId);
            parameters.Instant("since", since);
            parameters.Integer("on_track", (int)SlaState.OnTrack);
            parameters.Integer("at_risk", (int)SlaState.AtRisk);
            parameters.Integer("breached", (int)SlaState.Breached);
            parameters.Integer("paused", (int)SlaState.Paused);
        }, reader => Enumerable.Range(0, 6).Select(column => (int)reader.GetInt64(column)).ToArray(), cancellationToken))[0];

        var overdue = await ReadAsync(
            $"SELECT {ComplaintColumns} FROM rm_complaints {DigestSql.MostOverdueWhere};",
            overdueLimit, parameters => BindSummary(parameters, branchId), ReadComplaint, cancellationToken);
        return new BranchSlaSummary(branchId, counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], overdue);
    }

    private static void BindSummary(ReadModelParameters parameters, string branchId)
    {
        parameters.Text("branch_id", branchId);
        parameters.Integer("resolved", (int)ComplaintStatus.Resolved);
    }
}
