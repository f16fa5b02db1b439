namespace WealthActors.Silo.Apis;

/// <summary>Masks personal data the way Chinese banks print it: phone 138****5678, id number only its last four.</summary>
public static class PersonalDataMask
{
    public static string? Phone(string? phone) => phone switch
    {
        null => null,
        { Length: >= 7 } => $"{phone[..3]}****{phone[^4..]}",
        _ => new string('*', phone.Length),
    };

    public static string? IdNumber(string? idNumber) => idNumber switch
    {
        null => null,
        { Length: > 4 } => $"{new string('*', idNumber.Length - 4)}{idNumber[^4..]}",
        _ => new string('*', idNumber.Length),
    };
}
