using WealthActors.Silo.Storage.Postgres;

namespace WealthActors.Silo.Tests.Storage;

/// <summary>Orleans' named statements turned into positional ones for the PostgreSQL write batches.</summary>
public sealed class PositionalParametersTests
{
    [Fact]
    public void Positional_NamesBecomePositionsInTheGivenOrder_AndARepeatedNameKeepsItsPosition()
    {
        var sql = "UPDATE t SET p = @Payload WHERE id = coalesce(@Id, '') AND v = @Version OR @Version IS NULL";

        var positional = PostgresStatementBatcher.Positional(sql, ["Id", "Version", "Payload"]);

        Assert.Equal("UPDATE t SET p = $3 WHERE id = coalesce($1, '') AND v = $2 OR $2 IS NULL", positional);
    }

    [Fact]
    public void Positional_NameNotAmongTheParameters_IsRefusedInsteadOfBoundToNothing()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PostgresStatementBatcher.Positional("SELECT @Other", ["Id"]));

        Assert.Contains("@Other", error.Message, StringComparison.Ordinal);
    }
}
