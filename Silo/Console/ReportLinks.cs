using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using WealthActors.Permissions;
using WealthActors.ReadModel;

namespace WealthActors.Silo.WebConsole;

/// <summary>
/// The drill-down from a report to the list behind it: a report writes the list's filter into the address, the list
/// page reads it back. One place for both, so a figure and its list always mean the same rows. The caller's scope is
/// never in the address: the list applies the signed-in person's own.
/// </summary>
public static class ReportLinks
{
    public const string ComplaintsPage = "/console/complaints";
    public const string ClientsPage = "/console/clients";

    public static string Complaints(ComplaintFilter filter) => QueryHelpers.AddQueryString(ComplaintsPage, Params(
        ("branch", filter.BranchId), ("category", filter.Category), ("assignee", filter.Assignee),
        ("open", filter.OpenOnly ? "true" : null),
        ("openedFrom", Instant(filter.Opened?.From)), ("openedTo", Instant(filter.Opened?.To)),
        ("breachedFrom", Instant(filter.Breached?.From)), ("breachedTo", Instant(filter.Breached?.To)),
        ("escalatedFrom", Instant(filter.Escalated?.From)), ("escalatedTo", Instant(filter.Escalated?.To)),
        ("responseFrom", Number(filter.FirstResponse?.From)), ("responseTo", Number(filter.FirstResponse?.To))));

    public static string Clients(ClientFilter filter) => QueryHelpers.AddQueryString(ClientsPage, Params(
        ("tier", filter.Tier?.ToString()), ("advisor", filter.AdvisorId), ("inactiveSince", Instant(filter.InactiveSince)),
        ("maturingFrom", filter.MaturingFrom?.ToString("O", CultureInfo.InvariantCulture)),
        ("maturingTo", filter.MaturingTo?.ToString("O", CultureInfo.InvariantCulture))));

    /// <summary>The complaint filter of a list address; what does not parse is left out, never guessed.</summary>
    public static ComplaintFilter ComplaintFilterOf(Uri address, AccessScope scope)
    {
        var query = QueryHelpers.ParseQuery(address.Query);
        string? Text(string name) => query.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString() : null;
        TimeRange? Range(string from, string to) =>
            ParseInstant(Text(from)) is { } f && ParseInstant(Text(to)) is { } t ? new TimeRange(f, t) : null;
        var responseFrom = ParseNumber(Text("responseFrom"));
        return new ComplaintFilter(
            BranchId: Text("branch"), Category: Text("category"), Assignee: Text("assignee"), OpenOnly: Text("open") == "true",
            Opened: Range("openedFrom", "openedTo"), Breached: Range("breachedFrom", "breachedTo"),
            Escalated: Range("escalatedFrom", "escalatedTo"),
            FirstResponse: responseFrom is { } min ? new MinuteRange(min, ParseNumber(Text("responseTo"))) : null,
            Scope: scope, Order: ComplaintOrder.Newest);
    }

    /// <summary>The client filter of a list address; what does not parse is left out, never guessed.</summary>
    public static ClientFilter ClientFilterOf(Uri address, AccessScope scope)
    {
        var query = QueryHelpers.ParseQuery(address.Query);
        string? Text(string name) => query.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString() : null;
        DateOnly? Date(string name) =>
            DateOnly.TryParseExact(Text(name), "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
        return new ClientFilter(
            Scope: scope,
            Tier: Enum.TryParse<ClientTier>(Text("tier"), out var tier) && Enum.IsDefined(tier) ? tier : null,
            AdvisorId: Text("advisor"), InactiveSince: ParseInstant(Text("inactiveSince")),
            MaturingFrom: Date("maturingFrom"), MaturingTo: Date("maturingTo"));
    }

    private static IEnumerable<KeyValuePair<string, string?>> Params(params (string Name, string? Value)[] values) =>
        values.Where(v => v.Value is not null).Select(v => KeyValuePair.Create(v.Name, v.Value));

    private static string? Instant(DateTimeOffset? instant) => instant?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static string? Number(int? number) => number?.ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseInstant(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant) ? instant : null;

    private static int? ParseNumber(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}
