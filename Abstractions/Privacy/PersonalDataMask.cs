using System.Globalization;

namespace WealthActors.Privacy;

/// <summary>
/// Applies a <see cref="MaskLevel"/> to a value, the one way every door (API, chat, console, exports) prints personal
/// data. A missing value stays missing at every level, so a mask never invents data.
/// </summary>
public static class PersonalDataMask
{
    private const string Hidden = "******";

    public static string? Phone(string? phone, MaskLevel level) => (phone, level) switch
    {
        (null, _) => null,
        (_, MaskLevel.Full) => phone,
        ({ Length: >= 7 }, MaskLevel.Partial) => $"{phone[..3]}****{phone[^4..]}",
        _ => new string('*', Math.Max(phone.Length, 4)),
    };

    public static string? IdNumber(string? idNumber, MaskLevel level) => (idNumber, level) switch
    {
        (null, _) => null,
        (_, MaskLevel.Full) => idNumber,
        ({ Length: > 4 }, MaskLevel.Partial) => $"{new string('*', idNumber.Length - 4)}{idNumber[^4..]}",
        _ => Hidden,
    };

    /// <summary>
    /// Full: <c>1980-05-12</c>; Partial: <c>--05-12</c> (ISO 8601's month and day without a year: what birthday care
    /// needs, without the age); Hidden: <c>******</c>.
    /// </summary>
    public static string? Birthday(DateOnly? birthday, MaskLevel level) => (birthday, level) switch
    {
        (null, _) => null,
        ({ } date, MaskLevel.Full) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ({ } date, MaskLevel.Partial) => date.ToString("--MM-dd", CultureInfo.InvariantCulture),
        _ => Hidden,
    };
}
