using WealthActors.Complaints;

namespace WealthActors.Silo.Apis;

/// <summary>
/// The commands on a complaint by name, with the fields each requires, as every door that takes them runs them (the
/// API's <c>POST /api/complaints/{id}/{command}</c>, the console's buttons): one list, so the doors cannot drift.
/// </summary>
internal static class ComplaintCommands
{
    public static readonly IReadOnlyList<string> Names = ["acknowledge", "notes", "pause", "resume", "assign", "resolve", "reopen", "severity", "extend"];

    /// <summary>
    /// The grain call of <paramref name="command"/> as <paramref name="actor"/>; null for an unknown command. Missing
    /// or invalid fields are added to <paramref name="v"/>, and the call must then not be made.
    /// </summary>
    public static Func<IComplaintGrain, Task<ComplaintView>>? For(string command, ComplaintCommandRequest body, Actor actor, RequestValidation v)
    {
        v.Optional(body.Text, "text", 4000).Optional(body.Reason, "reason", 1000);
        return command switch
        {
            "acknowledge" => g => g.Acknowledge(actor, body.Text),
            "notes" => Needs(v, body.Text, "text", (g, text) => g.AddNote(actor, text)),
            "pause" => Needs(v, body.Reason ?? body.Text, "reason", (g, reason) => g.Pause(actor, reason)),
            "resume" => g => g.Resume(actor, body.Text),
            "assign" => Needs(v.Id(body.To, "to"), body.To, "to", (g, to) => g.Assign(actor, to, body.Text)),
            "resolve" => Needs(v, body.Text, "text", (g, text) => g.Resolve(actor, text)),
            "reopen" => Needs(v, body.Reason ?? body.Text, "reason", (g, reason) => g.Reopen(actor, reason)),
            "severity" => body.Severity is { } severity
                ? g => g.ChangeSeverity(actor, severity, body.Reason)
                : Missing(v, "severity"),
            "extend" => Needs(v, body.Reason, "reason", (g, reason) => g.ExtendRegulatoryDeadline(actor, reason)),
            _ => null,
        };
    }

    private static Func<IComplaintGrain, Task<ComplaintView>> Needs(
        RequestValidation v, string? value, string field, Func<IComplaintGrain, string, Task<ComplaintView>> run)
    {
        v.Require(value, field, 4000);
        return g => run(g, value!);
    }

    private static Func<IComplaintGrain, Task<ComplaintView>> Missing(RequestValidation v, string field)
    {
        v.Add(field, "is required.");
        return _ => throw new InvalidOperationException("Unreachable: the request is invalid.");
    }
}
