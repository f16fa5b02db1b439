using WealthActors.Permissions;
using WealthActors.ServiceRequests;

namespace WealthActors.Bot.Conversation;

/// <summary>
/// Service requests in chat: the complaint commands (查看, 进度, 受理, 备注, 暂停, 恢复, 解决, 转派, 重开) take a
/// service request's id as well, run the same checks, and are audited under the service-request API's actions.
/// </summary>
public sealed partial class ConversationEngine
{
    private static bool IsServiceRequestId(string? subject) =>
        subject is { Length: > 3 } id && id.StartsWith("SR-", StringComparison.OrdinalIgnoreCase);

    private async Task<BotReply> OnServiceRequest(ConversationTurn turn, BotCommand command)
    {
        var id = command.Subject!.ToUpperInvariant();
        ServiceRequestView view;
        try
        {
            view = ClientIdPattern().IsMatch(id)
                ? await grains.GetGrain<IServiceRequestGrain>(id).GetView()
                : throw new EntityNotFoundException(id);
        }
        catch (EntityNotFoundException)
        {
            return new BotReply(turn.Say($"没有找到服务请求「{command.Subject}」。", $"No service request \"{command.Subject}\"."), BotOutcome.Refused);
        }

        turn.Audit?.OnServiceRequest(view.RequestId);
        var access = command.Kind is CommandKind.Show or CommandKind.Progress ? Access.Read : Access.Write;
        if (!await turn.May(access, view.BranchId, view.Assignee))
        {
            return new BotReply(turn.Say($"抱歉，您无权处理服务请求 {view.RequestId}。", $"Sorry, you may not work on service request {view.RequestId}."), BotOutcome.Refused);
        }

        if (command.Kind is CommandKind.Show or CommandKind.Progress)
        {
            var text = command.Kind == CommandKind.Show
                ? RequestSummary(turn, view)
                : string.Join("\n", view.Timeline.TakeLast(5).Select(e => $"{ReplyFormat.LocalTime(e.At)} {e.Kind} {e.By}{(e.Text is null ? "" : ": " + e.Text)}"));
            return new BotReply(text, BotOutcome.Info, RequestCard(turn, view));
        }

        var target = command.Target is { } t && CommandVocabulary.Me.Contains(t) ? turn.Principal.EmployeeId : command.Target;
        if (command.Kind == CommandKind.Assign && target is not null && await turn.Employee(target) is null)
        {
            return new BotReply(turn.Say($"没有找到员工 {target}。", $"No employee {target}."), BotOutcome.Refused);
        }

        var request = grains.GetGrain<IServiceRequestGrain>(view.RequestId);
        try
        {
            ServiceRequestView? changed = command.Kind switch
            {
                CommandKind.Acknowledge => await request.Acknowledge(turn.Actor, command.Text),
                CommandKind.Note => await request.AddNote(turn.Actor, command.Text!),
                CommandKind.Pause => await request.Pause(turn.Actor, command.Text!),
                CommandKind.Resume => await request.Resume(turn.Actor, command.Text),
                CommandKind.Resolve => await request.Resolve(turn.Actor, command.Text!),
                CommandKind.Assign => await request.Assign(turn.Actor, target!, command.Text),
                CommandKind.Reopen => await request.Reopen(turn.Actor, command.Text!),
                _ => null,
            };
            if (changed is null)
            {
                return new BotReply(turn.Say("服务请求不适用此操作。", "That does not apply to a service request."), BotOutcome.Refused);
            }

            var badge = BotTexts.Status(ComplaintStatusOf(changed.Status), turn.Language);
            return new BotReply(turn.Say($"服务请求 {changed.RequestId}：{badge}。", $"Service request {changed.RequestId}: {badge}."),
                BotOutcome.Done, RequestCard(turn, changed))
            { Badge = command.Kind == CommandKind.Note ? turn.Say("已备注", "Noted") : badge };
        }
        catch (InvalidTransitionException)
        {
            var now = await request.GetView();
            var status = BotTexts.Status(ComplaintStatusOf(now.Status), turn.Language);
            return new BotReply(turn.Say($"服务请求 {now.RequestId} 当前为「{status}」，无法{ActionName(command.Kind, turn.Language)}。",
                $"Service request {now.RequestId} is {status}; it cannot be {PastParticiple(command.Kind)} now."), BotOutcome.Refused, RequestCard(turn, now))
            { Badge = status };
        }
    }

    private static string RequestSummary(ConversationTurn turn, ServiceRequestView view) => turn.Say(
        $"服务请求 {view.RequestId}（{view.Type}）：{BotTexts.Status(ComplaintStatusOf(view.Status), turn.Language)}，SLA {BotTexts.Sla(view.SlaState, turn.Language)}。",
        $"Service request {view.RequestId} ({view.Type}): {BotTexts.Status(ComplaintStatusOf(view.Status), turn.Language)}, SLA {BotTexts.Sla(view.SlaState, turn.Language)}.");

    private static BotCard RequestCard(ConversationTurn turn, ServiceRequestView view)
    {
        var facts = new List<BotFact>
        {
            new(turn.Say("客户", "Client"), view.ClientId),
            new(turn.Say("类型", "Type"), view.Type),
            new(turn.Say("状态", "Status"), BotTexts.Status(ComplaintStatusOf(view.Status), turn.Language)),
            new("SLA", BotTexts.Sla(view.SlaState, turn.Language) + (view.EscalationLevel > 0 ? $" · L{view.EscalationLevel}" : "")),
            new(turn.Say("处理人", "Assignee"), view.Assignee ?? "-"),
        };
        var buttons = ComplaintButtons(view.RequestId, ComplaintStatusOf(view.Status), turn.Language);
        return new BotCard(turn.Say($"服务请求 {view.RequestId}", $"Service request {view.RequestId}"), facts,
            buttons.Count > 0 ? buttons : [new BotButton(turn.Say("查看客户", "Client"), CommandFormatter.Format(new BotCommand(CommandKind.Client, turn.Language, view.ClientId)))])
        {
            Subtitle = view.Description.Length > 60 ? view.Description[..59] + "…" : view.Description,
        };
    }

    /// <summary>The two kinds of case share their statuses, and so their names and next steps.</summary>
    private static ComplaintStatus ComplaintStatusOf(ServiceRequestStatus status) => status switch
    {
        ServiceRequestStatus.Acknowledged => ComplaintStatus.Acknowledged,
        ServiceRequestStatus.Paused => ComplaintStatus.Paused,
        ServiceRequestStatus.Resolved => ComplaintStatus.Resolved,
        _ => ComplaintStatus.Open,
    };
}
