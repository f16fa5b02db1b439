using System.Globalization;
using WealthActors.Silo.Apis;

namespace WealthActors.Silo.Imports;

/// <summary>
/// Turns what a sheet cell holds into the text an API request would carry, and that text into the request's types,
/// each failure a field error of the row as the route would name it.
/// </summary>
internal static class ImportCells
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy.MM.dd", "yyyyMMdd", "yyyy-M-d", "yyyy/M/d"];

    /// <summary>A cell as text: numbers without a trailing ".0", dates as yyyy-MM-dd, blanks as null.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t when t.TimeOfDay == TimeSpan.Zero => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>
    /// Whether a text cell would run as a formula were it pasted or re-typed in a spreadsheet (CSV injection):
    /// '=' or '@' first, or '+' or '-' first followed by anything a telephone number or an amount does not hold.
    /// </summary>
    public static bool LooksLikeFormula(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        return text[0] switch
        {
            '=' or '@' => true,
            '+' or '-' => text.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '.' or ',' or '(' or ')')),
            _ => false,
        };
    }

    public static DateOnly? Date(this RequestValidation v, string? text, string field)
    {
        if (text is null)
        {
            return null;
        }

        // A time of day on a date column (a cell typed as date-time) is tolerated when it is midnight.
        var day = text.EndsWith("T00:00:00", StringComparison.Ordinal) ? text[..^9] : text;
        if (DateOnly.TryParseExact(day, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        v.Add(field, $"'{text}' is not a date (yyyy-MM-dd).");
        return null;
    }

    public static bool? Flag(this RequestValidation v, string? text, string field)
    {
        switch (text?.ToLowerInvariant())
        {
            case null:
                return null;
            case "true" or "yes" or "y" or "1" or "是" or "√":
                return true;
            case "false" or "no" or "n" or "0" or "否":
                return false;
            default:
                v.Add(field, $"'{text}' is not yes or no (是/否, true/false).");
                return null;
        }
    }

    public static TEnum? Enum<TEnum>(this RequestValidation v, string? text, string field)
        where TEnum : struct, Enum
    {
        if (text is null)
        {
            return null;
        }

        // Names only, as the API takes them: a number would silently pick whatever member has that value.
        if (!char.IsAsciiDigit(text[0]) && text[0] != '-')
        {
            if (System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value))
            {
                return value;
            }
        }

        v.Add(field, $"'{text}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>())}.");
        return null;
    }

    public static decimal? Amount(this RequestValidation v, string? text, string field)
    {
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
        {
            return amount;
        }

        v.Add(field, $"'{text}' is not a number.");
        return null;
    }
}
