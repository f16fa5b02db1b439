using System.Collections.Concurrent;

namespace WealthActors.Silo.Storage;

/// <summary>
/// The texts Orleans stores in <c>OrleansQuery</c>, each read once per process for the writes a storage batches itself,
/// so a batched write runs exactly the statement the AdoNet provider would. A failed read (the database was down) is
/// tried again by the next caller.
/// </summary>
internal sealed class OrleansQueryTexts(Func<string, Task<object?>> readQueryText)
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

    private async Task<string> Read(string queryKey) =>
        await readQueryText(queryKey) as string
        ?? throw new InvalidOperationException($"OrleansQuery has no query '{queryKey}': the schema is not current.");
}
