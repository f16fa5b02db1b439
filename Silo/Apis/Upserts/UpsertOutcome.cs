namespace WealthActors.Silo.Apis.Upserts;

/// <summary>
/// What one upsert came to: refused by <see cref="Validation"/> (nothing changed), or applied with its
/// <see cref="Value"/>. <see cref="Changed"/> is false when the record already held exactly this, so nothing was
/// written (an import of the same file a second time).
/// </summary>
internal sealed record UpsertOutcome<T>(RequestValidation Validation, T? Value, bool Changed)
{
    public static UpsertOutcome<T> Refused(RequestValidation validation) => new(validation, default, false);
}
