using System.Text.RegularExpressions;

namespace WealthActors.Silo.Apis;

public sealed partial class RequestValidation
{
    /// <summary>
    /// A telephone number as people write it: digits, spaces, '-', '(' and ')', an optional leading '+', and 5 to 20
    /// digits in all. Anything else (letters, a formula, a second number in the same cell) is a typo the care scans
    /// and the advisor's phone would stumble on later.
    /// </summary>
    public RequestValidation Phone(string? value, string field)
    {
        if (value is null)
        {
            return this;
        }

        var digits = value.Count(char.IsAsciiDigit);
        return PhonePattern().IsMatch(value) && digits is >= 5 and <= 20
            ? this
            : Add(field, "must be a telephone number: digits, spaces, '-', '(' or ')', an optional leading '+', 5 to 20 digits.");
    }

    [GeneratedRegex(@"^\+?[0-9(][0-9 ()-]*$")]
    private static partial Regex PhonePattern();
}
