namespace WealthActors.Silo.Apis;

public sealed partial class RequestValidation
{
    /// <summary>The errors as one line, "field: message; field: message", for a report that is not a problem detail (an import's rejected row).</summary>
    public string Summary() =>
        string.Join("; ", _errors.SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}")));
}
