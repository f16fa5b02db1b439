using System.Collections.Concurrent;
using System.Data.Common;

namespace WealthActors.Silo.Storage;

/// <summary>
/// The texts Orleans stores in <c>OrleansQuery</c>, each read once per process for the writes a storage batches itself,
/// so a batched write runs exactly the statement the AdoNet provider would. A failed read (the database was down) is
/// tried again by the next caller.
/// </summary>
/// <param name="open">Opens a connection to the database that holds <c>OrleansQuery</c> (its schema applied).</param>
internal sealed class OrleansQueryTexts(Func<Task<DbConnection>> open)
{
    private readonly ConcurrentDictionary<string, Task<string>> _texts = new(StringComparer.Ordinal);

    public Task<string> Get(string queryKey)
    {
        var text = _texts.GetOrAdd(queryKey, Read);
        if (text.IsFaulted || text.IsCanceled)
        {
            _texts.TryRemove(new KeyValuePair<string, Task<string>>(queryKey, text));
        }

        return text;
    }

    private async Task<string> Read(string queryKey)
    {
        await using var connection = await open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key";
        var key = command.CreateParameter();
        key.ParameterName = "@key";
        key.Value = queryKey;
        command.Parameters.Add(key);
        return await command.ExecuteScalarAsync() as string
               ?? throw new InvalidOperationException($"OrleansQuery has no query '{queryKey}': the schema is not current.");
    }
}
