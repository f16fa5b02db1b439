using System.Security.Cryptography;
using System.Text;
using WealthActors.Bot.Conversation;

namespace WealthActors.Bot.Channels.WeCom;

/// <summary>How a channel-agnostic reply looks in WeCom: plain text for chat answers, a button card for pushes.</summary>
public static class WeComReplies
{
    /// <summary>WeCom's limit for a text message's content is 2048 bytes; a little is kept in reserve.</summary>
    public const int MaxTextBytes = 2000;

    private const int MaxButtons = 6;
    private const int MaxFields = 6;
    private const int MaxSubtitle = 110;
    private const int MaxFieldValue = 30;
    private const int MaxTaskId = 128;

    /// <summary>The reply as text; a card's facts become lines and its buttons become what to type.</summary>
    public static string ToText(BotReply reply)
    {
        var text = new StringBuilder(reply.Text);
        if (reply.Card is { } card)
        {
            text.Append("\n\n【").Append(card.Title).Append('】');
            foreach (var fact in card.Facts)
            {
                text.Append('\n').Append(fact.Name).Append(": ").Append(fact.Value);
            }

            if (card.Buttons.Count > 0)
            {
                text.Append("\n回复 Reply: ").AppendJoin(" | ", card.Buttons.Select(b => b.Command));
            }
        }

        return FitBytes(text.ToString(), MaxTextBytes);
    }

    /// <summary>A <c>button_interaction</c> card whose button keys are the commands a click runs.</summary>
    public static WeComButtonCard ToTemplateCard(string taskId, BotCard card)
    {
        var buttons = card.Buttons.Take(MaxButtons)
            .Select((b, i) => new WeComCardButton(Shorten(b.Text, 10), b.Command, i == 0 ? 1 : 2))
            .ToArray();
        return new WeComButtonCard(taskId, new WeComCardTitle(Shorten(card.Title, 36)), buttons)
        {
            SourceDesc = "WealthActors",
            SubTitleText = card.Subtitle is null ? null : Shorten(card.Subtitle, MaxSubtitle),
            HorizontalContent = card.Facts.Take(MaxFields).Select(f => new WeComCardField(f.Name, Shorten(f.Value, MaxFieldValue))).ToArray(),
        };
    }

    /// <summary>
    /// A task id WeCom accepts (letters, digits, "_-@", at most 128) and that is the same for the same message and
    /// member, so a retried push cannot become a second card.
    /// </summary>
    public static string TaskId(string userId, string messageId)
    {
        var raw = $"wa_{userId}_{messageId}";
        var clean = new string(raw.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '@' ? c : '_').ToArray());
        if (clean.Length <= MaxTaskId && clean == raw)
        {
            return clean;
        }

        // Replaced characters could make two ids collide, so the original is hashed into the id.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw)))[..16];
        return $"{clean[..Math.Min(clean.Length, MaxTaskId - 17)]}-{hash}";
    }

    public static string FitBytes(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        // "…" takes three bytes; whole characters (surrogate pairs included) are kept until the budget is spent.
        var budget = maxBytes - 3;
        var used = 0;
        var end = 0;
        while (end < text.Length)
        {
            var length = char.IsSurrogatePair(text, end) ? 2 : 1;
            var bytes = Encoding.UTF8.GetByteCount(text.AsSpan(end, length));
            if (used + bytes > budget)
            {
                break;
            }

            used += bytes;
            end += length;
        }

        return text[..end] + "…";
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
