using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using WealthActors.Silo.Storage.Postgres;

namespace WealthActors.Silo.Tests.Storage;

/// <summary>Orleans' named statements turned into positional ones for the PostgreSQL write batches.</summary>
public sealed class PositionalParametersTests
{
    [Fact]
    public void Positional_NamesBecomePositionsInTheGivenOrder_AndARepeatedNameKeepsItsPosition()
    {
        var sql = "UPDATE t SET p = @Payload WHERE id = coalesce(@Id, '') AND v = @Version OR @Version IS NULL";

        var positional = PostgresStatement.Positional(sql, ["Id", "Version", "Payload"]);

        Assert.Equal("UPDATE t SET p = $3 WHERE id = coalesce($1, '') AND v = $2 OR $2 IS NULL", positional);
    }

    [Fact]
    public void Positional_NameNotAmongTheParameters_IsRefusedInsteadOfBoundToNothing()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PostgresStatement.Positional("SELECT @Other", ["Id"]));

        Assert.Contains("@Other", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_NamedParameters_GoByPositionInTheOrderTheyWereBound()
    {
        const string sql = "UPDATE t SET a = @a WHERE id = @id AND @a IS NOT NULL";
        await using var database = new PostgresDatabase("Host=127.0.0.1;Database=unused", NullLoggerFactory.Instance);

        await using var first = PostgresStatement.Batch(database, [new PostgresStatement(sql, Bind(("id", 7), ("a", "x")))]);
        // The same text bound in another order: its positions follow that order, not the one seen first.
        await using var second = PostgresStatement.Batch(database, [new PostgresStatement(sql, Bind(("a", "y"), ("id", 8)))]);

        Assert.Equal("UPDATE t SET a = $2 WHERE id = $1 AND $2 IS NOT NULL", first.BatchCommands[0].CommandText);
        Assert.Equal(new object[] { 7, "x" }, first.BatchCommands[0].Parameters.Select(p => p.Value));
        Assert.Equal("UPDATE t SET a = $1 WHERE id = $2 AND $1 IS NOT NULL", second.BatchCommands[0].CommandText);
        Assert.Equal(new object[] { "y", 8 }, second.BatchCommands[0].Parameters.Select(p => p.Value));
        Assert.All(first.BatchCommands[0].Parameters.Concat(second.BatchCommands[0].Parameters), p => Assert.Equal("", p.ParameterName));
    }

    [Fact]
    public async Task Batch_PositionalParameters_AreLeftAsTheyAre()
    {
        await using var database = new PostgresDatabase("Host=127.0.0.1;Database=unused", NullLoggerFactory.Instance);

        await using var batch = PostgresStatement.Batch(database, [new PostgresStatement("SELECT $1", p => p.Add(new NpgsqlParameter { Value = 1 }))]);

        Assert.Equal("SELECT $1", batch.BatchCommands[0].CommandText);
    }

    private static Action<NpgsqlParameterCollection> Bind(params (string Name, object Value)[] values) => parameters =>
    {
        foreach (var (name, value) in values)
        {
            parameters.AddWithValue(name, value);
        }
    };
}
