namespace WealthActors.Silo.Storage.ReadModel;

internal sealed partial class SqlReadModel
{
    private const string ClientIdsOfAdvisorSql = """
        SELECT client_id FROM rm_clients
        WHERE advisor_id = @advisor_id AND client_id > @after
        ORDER BY client_id
        LIMIT @limit;
        """;

    public Task<IReadOnlyList<string>> ClientIdsOfAdvisor(
        string advisorId, string? afterClientId, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync(ClientIdsOfAdvisorSql, limit, parameters =>
        {
            parameters.Text("advisor_id", advisorId);
            parameters.Text("after", afterClientId ?? "");
        }, reader => reader.GetString(0), cancellationToken);
}
