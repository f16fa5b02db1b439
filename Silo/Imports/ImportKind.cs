using WealthActors.Silo.Apis;
using WealthActors.Silo.Apis.Upserts;
using WealthActors.Silo.Auth;

namespace WealthActors.Silo.Imports;

/// <summary>
/// What one kind of import sheet holds and how a row of it is applied: read into the request its API route takes,
/// then upserted through that route's own checks and grain calls (<c>Apis/Upserts</c>).
/// </summary>
internal abstract class ImportKind
{
    public static readonly IReadOnlyList<ImportKind> All = [new ClientImport(), new HoldingImport(), new EmployeeImport(), new BranchImport()];

    /// <summary>clients, holdings, employees or branches: the route segment and the CLI word.</summary>
    public abstract string Name { get; }

    /// <summary>The route policy of the matching API route: whoever may make that request may import such rows.</summary>
    public abstract string Policy { get; }

    public abstract IReadOnlyList<ImportColumn> Columns { get; }

    /// <summary>
    /// Rows upserted one after another, not a chunk at once: a row may name one above it (an employee's manager, a
    /// branch's parent), which must exist first.
    /// </summary>
    public virtual bool InOrder => false;

    /// <summary>The record a row writes; a second row of the same file with the same key is refused.</summary>
    public abstract string? KeyOf(ImportRow row);

    public static ImportKind? Find(string name) => All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Applies one row as <paramref name="http"/>'s caller; null when the row holds (written or already so), else why not.</summary>
    public async Task<string?> Apply(ImportRow row, HttpContext http, IGrainFactory grains, DateOnly today, KnownReferences known)
    {
        try
        {
            var v = await Upsert(row, http, grains, today, known);
            return v.IsValid ? null : v.Summary();
        }
        catch (DomainException ex)
        {
            // Out of the caller's reach (404/403 at the route) or refused by the grain itself.
            return ex is DomainValidationException dv ? $"{dv.Field}: {dv.Message}" : ex.Message;
        }
    }

    /// <summary>Reads the row into the route's request and upserts it; the validation says what was wrong, if anything.</summary>
    protected abstract Task<RequestValidation> Upsert(ImportRow row, HttpContext http, IGrainFactory grains, DateOnly today, KnownReferences known);

    internal static string PolicyName(bool administer) =>
        administer ? AuthHostingExtensions.Policies.Administer : AuthHostingExtensions.Policies.Integrate;
}
