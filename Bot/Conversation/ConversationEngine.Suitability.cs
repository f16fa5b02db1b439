using System.Globalization;
using WealthActors.Permissions;
using WealthActors.Suitability;

namespace WealthActors.Bot.Conversation;

public sealed partial class ConversationEngine
{
    private const int SuggestionCount = 5;

    /// <summary>
    /// 推荐 / suggest: the products on sale that suit the client's risk level, best first (money freed by maturities,
    /// minimum investment, spreading across product types); never one the client may not buy.
    /// </summary>
    private async Task<BotReply> Suggest(ConversationTurn turn, BotCommand command, CancellationToken cancellationToken)
    {
        var (match, answer) = await OneClient(turn, command, Access.Read, cancellationToken);
        if (match is null)
        {
            return answer!;
        }

        turn.Audit?.Target("client", match.ClientId);
        var ranked = await grains.GetGrain<IProductCatalogGrain>(IProductCatalogGrain.DefaultKey).SuitableFor(match.ClientId, SuggestionCount);
        if (ranked.Count == 0)
        {
            return new BotReply(turn.Say(
                $"{match.Name}（{match.ClientId}）暂无可推荐的产品：可能未做风险测评、测评已过期，或没有适合其风险等级的在售产品。",
                $"Nothing to suggest for {match.Name} ({match.ClientId}): no valid risk assessment, or nothing on sale suits their risk level."), BotOutcome.Info);
        }

        var facts = ranked.Select(r => new BotFact(
            $"{r.Product.Name}（{r.Product.Code}）",
            $"{r.Product.Risk} · {turn.Say("起投", "from")} ¥{ReplyFormat.Amount(r.Product.MinimumInvestment)}"
            + (r.Product.TermMonths is { } months ? turn.Say($" · {months}个月", $" · {months} months") : "")
            + (r.FundedByMaturities ? turn.Say(" · 到期资金可覆盖", " · covered by maturing money") : ""))).ToArray();
        var freed = ranked[0].FreedByMaturities;
        var text = turn.Say(
            $"适合 {match.Name}（{match.ClientId}）的在售产品{(freed > 0 ? $"，30 天内到期资金 ¥{ReplyFormat.Amount(freed)}" : "")}：",
            $"Products on sale that suit {match.Name} ({match.ClientId}){(freed > 0 ? $"; ¥{ReplyFormat.Amount(freed)} matures within 30 days" : "")}:");
        return new BotReply(text, BotOutcome.Info, new BotCard(turn.Say("推荐产品", "Suggested products"), facts, []))
        {
            Badge = ranked.Count.ToString(CultureInfo.InvariantCulture),
        };
    }
}
