using WealthActors.Audit;

namespace WealthActors.Bot.Conversation;

/// <summary>
/// The audit entry of one chat message: who (the employee the channel user maps to), through which channel, what
/// command (named as the HTTP API names the same action, so one query finds an acknowledgement from any door), on what
/// (the case or client it resolved to, else what was typed) and how it ended.
/// </summary>
internal sealed class ChatAudit(string employeeId, string channel, ParseResult parsed, string text)
{
    private string? _targetType = TargetTypeOf(parsed.Kind);
    private string? _targetId = parsed.Command?.Subject ?? parsed.Subject;
    private bool _serviceRequest;

    /// <summary>The command found what it acts on (a complaint named by part of its id, a client by name).</summary>
    public void Target(string type, string id)
    {
        _targetType = type;
        _targetId = id;
    }

    /// <summary>A complaint command ran on a service request: it is audited under the service-request API's action.</summary>
    public void OnServiceRequest(string id)
    {
        _serviceRequest = true;
        Target("service-request", id);
    }

    public AuditRecord Record(string outcome) => new(
        channel, _serviceRequest ? Action(parsed.Kind).Replace("complaint.", "service-request.", StringComparison.Ordinal) : Action(parsed.Kind), outcome, EmployeeId: employeeId, TargetType: _targetId is null ? null : _targetType,
        TargetId: _targetId, Digest: AuditDigests.Of(text));

    public static string Outcome(BotOutcome outcome) =>
        outcome is BotOutcome.Done or BotOutcome.Info ? AuditOutcomes.Ok : AuditOutcomes.Refused;

    internal static string Action(CommandKind? kind) => kind switch
    {
        CommandKind.Acknowledge => "complaint.acknowledge",
        CommandKind.Note => "complaint.notes",
        CommandKind.Pause => "complaint.pause",
        CommandKind.Resume => "complaint.resume",
        CommandKind.Resolve => "complaint.resolve",
        CommandKind.Assign => "complaint.assign",
        CommandKind.Complain => "complaint.open",
        CommandKind.Show => "complaint.read",
        CommandKind.MyQueue => "complaint.queue",
        CommandKind.Breaches => "complaint.breaches",
        CommandKind.Client => "client.search",
        CommandKind.Reopen => "complaint.reopen",
        CommandKind.Severity => "complaint.severity",
        CommandKind.Extend => "complaint.extend",
        CommandKind.Progress => "complaint.timeline",
        CommandKind.Log => "client.interactions",
        CommandKind.Suggest => "client.suitable-products",
        CommandKind.Help => "chat.help",
        CommandKind.MyTasks => "task.list",
        CommandKind.TaskDone => "task.complete",
        CommandKind.TaskSnooze => "task.snooze",
        _ => "chat.unrecognised",
    };

    private static string? TargetTypeOf(CommandKind? kind) => kind switch
    {
        CommandKind.Client or CommandKind.Complain or CommandKind.Log or CommandKind.Suggest => "client",
        CommandKind.Breaches => "branch",
        CommandKind.MyQueue or CommandKind.MyTasks or CommandKind.Help or null => null,
        CommandKind.TaskDone or CommandKind.TaskSnooze => "task",
        _ => "complaint",
    };
}
