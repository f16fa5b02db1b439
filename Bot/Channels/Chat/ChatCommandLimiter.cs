using Microsoft.Extensions.Options;
using WealthActors.Bot.Conversation;
using WealthActors.Bot.Hosting;

namespace WealthActors.Bot.Channels.Chat;

/// <summary>
/// How many commands one chat user may have run (<see cref="BotOptions.CommandsPerMinute"/>, a burst of that many
/// refilled evenly over a minute): a script or a stuck client flooding the bot is answered politely and its commands
/// are not run, so it cannot crowd out everyone else's. Counted per channel user, before the user is looked up.
/// </summary>
public sealed class ChatCommandLimiter(TimeProvider clock, IOptions<BotOptions> options)
{
    private readonly PerUserRateLimiter _buckets = new(clock, options.Value.CommandsPerMinute);

    /// <summary>Null when the command may run; otherwise the polite answer, in the language of <paramref name="said"/>.</summary>
    public string? Refusal(string channel, string userId, string? said)
    {
        var wait = _buckets.TryAcquire($"{channel}:{userId}");
        if (wait <= TimeSpan.Zero)
        {
            return null;
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var language = string.IsNullOrWhiteSpace(said) || TextNormalizer.ContainsCjk(said) ? BotLanguage.Chinese : BotLanguage.English;
        return language.Say(
            $"您发送的指令过于频繁，这条未执行。请 {seconds} 秒后再试。",
            $"You are sending commands too quickly, so this one was not run. Please try again in {seconds} s.");
    }
}
