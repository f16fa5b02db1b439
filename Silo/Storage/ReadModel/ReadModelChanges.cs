namespace WealthActors.Silo.Storage.ReadModel;

/// <summary>
/// Raised when this silo has committed a complaint's read-model row, so that the console's live pages re-read at once
/// instead of at their next poll. Rows written by another silo of a cluster are not seen here: for those, the pages'
/// poll (<c>LiveRefresh.Every</c>) is the bound. Handlers run on the writer's thread and must only signal.
/// </summary>
public sealed class ReadModelChanges
{
    public event Action? ComplaintsChanged;

    public void ComplaintCommitted() => ComplaintsChanged?.Invoke();
}
