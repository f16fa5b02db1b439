namespace WealthActors.Silo.Apis;

public sealed partial class RequestValidation
{
    /// <summary>No date this service keeps (a birthday, an assessment, a maturity, a transaction) is older.</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    /// <summary>How far ahead a date may lie (a maturity); anything later is a typo, not a product.</summary>
    public const int YearsAhead = 100;

    /// <summary>A day that has happened (a birthday, a risk assessment): from <see cref="EarliestDate"/> to <paramref name="today"/>.</summary>
    public RequestValidation PastDate(DateOnly? value, string field, DateOnly today) =>
        value is null || (value >= EarliestDate && value <= today)
            ? this
            : Add(field, $"must be between {EarliestDate:yyyy-MM-dd} and today.");

    /// <summary>A day that may lie ahead (a maturity): from <see cref="EarliestDate"/> to <see cref="YearsAhead"/> years after <paramref name="today"/>.</summary>
    public RequestValidation Date(DateOnly? value, string field, DateOnly today) =>
        value is null || (value >= EarliestDate && value <= today.AddYears(YearsAhead))
            ? this
            : Add(field, $"must be between {EarliestDate:yyyy-MM-dd} and {YearsAhead} years from today.");

    /// <summary>
    /// An instant that has happened (a transaction, an interaction): from <see cref="EarliestDate"/> to five minutes
    /// after <paramref name="now"/>, the slack for the sender's clock running ahead.
    /// </summary>
    public RequestValidation PastInstant(DateTimeOffset? value, string field, DateTimeOffset now)
    {
        if (value is null)
        {
            return this;
        }

        if (value > now.AddMinutes(5))
        {
            return Add(field, "must not be in the future.");
        }

        return value.Value.UtcDateTime >= EarliestDate.ToDateTime(TimeOnly.MinValue) ? this : Add(field, $"must not be before {EarliestDate:yyyy-MM-dd}.");
    }
}
