using System.Text.RegularExpressions;

namespace WealthActors.Silo.WebConsole;

/// <summary>
/// The errors of a save, by the API's field names, for a form that shows each beside its field. Errors of a field the
/// form has none for (an address id, a rule only the store knows) are <see cref="Unplaced"/>, shown with the outcome.
/// </summary>
/// <param name="besideFields">The field names the form shows an error beside.</param>
public sealed class FieldErrors(IReadOnlyDictionary<string, IReadOnlyList<string>> errors, Regex besideFields)
{
    public static FieldErrors None { get; } = new(new Dictionary<string, IReadOnlyList<string>>(), new Regex("^$"));

    public bool Has(string field) => errors.ContainsKey(field);

    public string? Of(string field) => errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public IEnumerable<string> Unplaced() =>
        errors.Where(e => !besideFields.IsMatch(e.Key)).Select(e => $"{e.Key}: {string.Join(" ", e.Value)}");
}
