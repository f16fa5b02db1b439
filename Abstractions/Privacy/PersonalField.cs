namespace WealthActors.Privacy;

/// <summary>The items of a client's personal data that are shown according to who asks (PIPL's "minimum necessary").</summary>
public enum PersonalField { Phone, IdNumber, Birthday }

/// <summary>How much of a personal field an audience sees.</summary>
public enum MaskLevel
{
    /// <summary>The value as stored: reading it is an audited read.</summary>
    Full,

    /// <summary>As banks print it: phone 138****5678, ID number its last four, birthday its month and day.</summary>
    Partial,

    /// <summary>Nothing but that a value exists.</summary>
    Hidden,
}
