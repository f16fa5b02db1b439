namespace WealthActors.Silo.Apis;

public sealed partial class RequestValidation
{
    /// <summary>
    /// A name people read (client, employee, branch, product, policy): required, at most <paramref name="maxLength"/>
    /// characters, and free of anything that makes it display differently from what is stored. Control characters
    /// (line breaks and tabs included) split a name in logs, cards and exports; the Unicode bidirectional embeddings,
    /// overrides (U+202A–U+202E) and isolates (U+2066–U+2069) reorder what follows them, so that one client's name
    /// could read as another's.
    /// </summary>
    public RequestValidation Name(string? value, string field, int maxLength = 100)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, "is required.");
        }

        if (value.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters.");
        }

        if (value.Any(char.IsControl))
        {
            Add(field, "must not contain control characters.");
        }

        return value.Any(IsBidiControl) ? Add(field, "must not contain bidirectional override or isolate characters (U+202A–U+202E, U+2066–U+2069).") : this;
    }

    public static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
