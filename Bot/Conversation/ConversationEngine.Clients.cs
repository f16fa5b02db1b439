using System.Text.RegularExpressions;
using WealthActors.Clients;
using WealthActors.Complaints;
using WealthActors.Permissions;
using WealthActors.Privacy;

namespace WealthActors.Bot.Conversation;

public sealed partial class ConversationEngine
{
    private const int PickListSize = 5;

    private sealed record ClientMatch(string ClientId, string Name, string BranchId, string AdvisorId);

    private async Task<BotReply> ShowClient(ConversationTurn turn, BotCommand command, CancellationToken cancellationToken)
    {
        var (match, answer) = await OneClient(turn, command, Access.Read, cancellationToken);
        if (match is null)
        {
            return answer!;
        }

        turn.Audit?.Target("client", match.ClientId);
        var view = await grains.GetGrain<IClientGrain>(match.ClientId).GetView();
        return new BotReply(
            turn.Say($"客户 {view.Profile.Name}（{view.ClientId}）", $"Client {view.Profile.Name} ({view.ClientId})"),
            BotOutcome.Info,
            ClientCard(turn, view));
    }

    private async Task<BotReply> OpenComplaint(ConversationTurn turn, BotCommand command, CancellationToken cancellationToken)
    {
        var (client, answer) = await OneClient(turn, command, Access.Write, cancellationToken);
        if (client is null)
        {
            return answer!;
        }

        var view = await ComplaintIds.OpenUnderNewId(grains, clock.GetUtcNow(),
            new OpenComplaint(client.ClientId, "Service", command.Severity!.Value, turn.Channel, command.Text!, null), turn.Actor);
        var complaintId = view.ComplaintId;
        turn.Audit?.Target("complaint", complaintId);
        var text = turn.Say(
            $"已登记投诉 {complaintId}（{client.Name}，{BotTexts.Severity(view.Severity, turn.Language)}）。首次响应时限 {ReplyFormat.LocalTime(view.FirstResponseDue)}。",
            $"Complaint {complaintId} opened for {client.Name} ({BotTexts.Severity(view.Severity, turn.Language)}). First response due {ReplyFormat.LocalTime(view.FirstResponseDue)}.");
        return new BotReply(text, BotOutcome.Done, ComplaintCard(turn, view, client.Name)) { Badge = turn.Say("已登记", "Opened") };
    }

    /// <summary>
    /// The one client a command names: found, or the answer to give instead (nobody found, or a pick-list whose buttons
    /// repeat the command for each match).
    /// </summary>
    private async Task<(ClientMatch? Client, BotReply? Answer)> OneClient(
        ConversationTurn turn, BotCommand command, Access access, CancellationToken cancellationToken)
    {
        var matches = await FindClients(turn, command.Subject!, access, cancellationToken);
        return matches.Count switch
        {
            0 => (null, NoClient(turn, command.Subject!)),
            1 => (matches[0], null),
            _ => (null, PickClient(turn, matches, match => command with { Subject = match.ClientId })),
        };
    }

    /// <summary>
    /// Clients the person may <paramref name="access"/> whose id equals the query or whose name contains it. An exact
    /// id wins outright; clients they may not see are left out, so the answer does not reveal that they exist.
    /// </summary>
    private async Task<IReadOnlyList<ClientMatch>> FindClients(
        ConversationTurn turn, string query, Access access, CancellationToken cancellationToken)
    {
        var rows = await readModel.SearchClients(query, 20, cancellationToken);
        var candidates = rows.Select(r => new ClientMatch(r.ClientId, r.Name, r.BranchId, r.AdvisorId)).ToList();
        if (candidates.Count == 0 && ClientIdPattern().IsMatch(query)
            && await grains.GetGrain<IClientGrain>(query).Exists())
        {
            // The read model lags or missed a projection: the grain is the source of truth for an exact id.
            var view = await grains.GetGrain<IClientGrain>(query).GetView();
            candidates.Add(new ClientMatch(view.ClientId, view.Profile.Name, view.Profile.BranchId, view.Profile.AdvisorId));
        }

        var allowed = new List<ClientMatch>();
        foreach (var candidate in candidates)
        {
            if (await turn.May(access, candidate.BranchId, candidate.AdvisorId))
            {
                allowed.Add(candidate);
            }
        }

        var exact = allowed.FirstOrDefault(c => string.Equals(c.ClientId, query, StringComparison.OrdinalIgnoreCase));
        return exact is not null ? [exact] : allowed;
    }

    private static BotReply NoClient(ConversationTurn turn, string query) => new(
        turn.Say($"没有找到您可办理的客户「{query}」。", $"No client \"{query}\" that you may work with."), BotOutcome.Refused);

    private static BotReply PickClient(ConversationTurn turn, IReadOnlyList<ClientMatch> matches, Func<ClientMatch, BotCommand> commandFor)
    {
        var shown = matches.Take(PickListSize).ToArray();
        var card = new BotCard(
            turn.Say("请选择客户", "Which client?"),
            shown.Select(m => new BotFact(m.ClientId, m.Name)).ToArray(),
            shown.Select(m => new BotButton($"{m.Name} {m.ClientId}", CommandFormatter.Format(commandFor(m)))).ToArray());
        var more = matches.Count > shown.Length ? turn.Say($"（共 {matches.Count} 位，仅列前 {shown.Length} 位）", $" ({matches.Count} in all, first {shown.Length} shown)") : "";
        return new BotReply(turn.Say($"找到多位客户，请选择{more}：", $"Several clients match{more}; please pick one:"), BotOutcome.NeedsInput, card);
    }

    private BotCard ClientCard(ConversationTurn turn, ClientView view)
    {
        var p = view.Profile;
        var mask = masking.For(turn.Principal.Role);
        var tier = BotTexts.Tier(view.Tier, turn.Language) + (view.Vip ? " · VIP" : "");
        var risk = p.RiskLevel is { } level
            ? $"{level}{(view.RiskExpiresOn is { } expires ? turn.Say($"（{expires:yyyy-MM-dd} 到期）", $" (expires {expires:yyyy-MM-dd})") : "")}"
            : "-";
        var facts = new List<BotFact>
        {
            new(turn.Say("等级", "Tier"), tier),
            new(turn.Say("资产", "AUM"), $"¥{ReplyFormat.Amount(view.Aum)}"),
            new(turn.Say("风险测评", "Risk profile"), risk),
            new(turn.Say("电话", "Phone"), PersonalDataMask.Phone(p.Phone, mask.Phone) ?? "-"),
            new(turn.Say("证件", "ID number"), PersonalDataMask.IdNumber(p.IdNumber, mask.IdNumber) ?? "-"),
            new(turn.Say("客户经理", "Advisor"), p.AdvisorId),
            new(turn.Say("在途投诉", "Open complaints"), view.OpenComplaints.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        var buttons = view.OpenComplaints.Take(3)
            .Select(id => new BotButton(turn.Say($"查看 {id}", $"Show {id}"), CommandFormatter.Format(new BotCommand(CommandKind.Show, turn.Language, id))))
            .ToArray();
        return new BotCard($"{p.Name} ({view.ClientId})", facts, buttons) { Subtitle = $"{p.BranchId} · {BotTexts.Lifecycle(view.Lifecycle, turn.Language)}" };
    }

    /// <summary>Only what could be a grain key is tried as one: user text never activates odd keys.</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex ClientIdPattern();
}
