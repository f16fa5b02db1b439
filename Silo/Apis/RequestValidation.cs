using System.Text.RegularExpressions;

namespace WealthActors.Silo.Apis;

/// <summary>Collects field errors of one request; an empty result means the request may proceed.</summary>
public sealed partial class RequestValidation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    private bool _forbidden;

    public bool IsValid => _errors.Count == 0;

    /// <summary>The messages by field, for a door that shows them itself (the console).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors => _errors.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value);

    /// <summary>
    /// The request is well formed but the caller may not make it (a person naming someone else as the actor): the
    /// answer is 403, still naming the field.
    /// </summary>
    public RequestValidation Forbid(string field, string message)
    {
        _forbidden = true;
        return Add(field, message);
    }

    public RequestValidation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public RequestValidation Require(string? value, string field, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, "is required.");
        }

        if (value.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters.");
        }

        return NoControlCharacters(value, field);
    }

    public RequestValidation Optional(string? value, string field, int maxLength = 200) =>
        value is null ? this : Require(value, field, maxLength);

    /// <summary>Identifiers become grain keys, URL segments and log values: letters, digits, '-', '_' and '.' only.</summary>
    public RequestValidation Id(string? value, string field, bool required = true)
    {
        if (value is null)
        {
            return required ? Add(field, "is required.") : this;
        }

        return IdPattern().IsMatch(value) ? this : Add(field, "must be 1–64 letters, digits, '-', '_' or '.', starting with a letter or digit.");
    }

    public RequestValidation Check(bool condition, string field, string message) => condition ? this : Add(field, message);

    public IResult Problem() => _forbidden
        ? TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "The caller may not make this request.",
            extensions: new Dictionary<string, object?> { ["errors"] = _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()) })
        : TypedResults.ValidationProblem(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), title: "The request is not valid.");

    private RequestValidation NoControlCharacters(string value, string field) =>
        value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) ? Add(field, "must not contain control characters.") : this;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex IdPattern();
}
