using System.Data.Common;

namespace WealthActors.Silo.Storage.ReadModel;

/// <summary>A command's parameters with the dialect that encodes their values: the shared statements bind through it.</summary>
internal readonly struct ReadModelParameters(ReadModelDialect dialect, DbParameterCollection parameters)
{
    public void Text(string name, string? value) => dialect.BindText(parameters, name, value);

    public void Integer(string name, int value) => dialect.BindInteger(parameters, name, value);

    public void Integer(string name, int? value) => dialect.BindInteger(parameters, name, value);

    public void Long(string name, long value) => dialect.BindLong(parameters, name, value);

    public void Boolean(string name, bool value) => dialect.BindBoolean(parameters, name, value);

    public void Boolean(string name, bool? value) => dialect.BindBoolean(parameters, name, value);

    public void Decimal(string name, decimal value) => dialect.BindDecimal(parameters, name, value);

    public void Instant(string name, DateTimeOffset value) => dialect.BindInstant(parameters, name, value);

    public void Instant(string name, DateTimeOffset? value) => dialect.BindInstant(parameters, name, value);

    public void Date(string name, DateOnly? value) => dialect.BindDate(parameters, name, value);

    public void Bytes(string name, byte[]? value) => dialect.BindBytes(parameters, name, value);

    public void TextList(string name, IReadOnlyList<string> values) => dialect.BindTextList(parameters, name, values);

    public void MonthDay(string name, DateOnly? birthday) => dialect.BindMonthDay(parameters, name, birthday);

    /// <summary>The values of a built query (filters, scope, care scans): text, integers, dates or instants.</summary>
    public void Values(IReadOnlyList<(string Name, object Value)> values)
    {
        foreach (var (name, value) in values)
        {
            switch (value)
            {
                case int number: Integer(name, number); break;
                case DateOnly date: Date(name, date); break;
                case DateTimeOffset instant: Instant(name, instant); break;
                default: Text(name, (string)value); break;
            }
        }
    }
}
