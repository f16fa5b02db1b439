using WealthActors.Bot.Channels.WeCom;
using WealthActors.Bot.Hosting;

namespace WealthActors.Bot.Tests.Channels.WeCom;

public sealed class WeComDeliveryOptionsTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new WeComDeliveryOptionsValidator().Validate(null, new WeComDeliveryOptions()).Succeeded);
        Assert.True(new BotOptionsValidator().Validate(null, new BotOptions()).Succeeded);
    }

    [Fact]
    public void Validate_OutOfRange_NamesEveryKey()
    {
        var result = new WeComDeliveryOptionsValidator().Validate(null, new WeComDeliveryOptions
        {
            MaxAttempts = 0, FirstRetryDelay = TimeSpan.Zero, PerUserPerMinute = 31, QueueCapacity = 0,
        });

        Assert.True(result.Failed);
        foreach (var key in new[] { "MaxAttempts", "FirstRetryDelay", "PerUserPerMinute", "QueueCapacity" })
        {
            Assert.Contains($"WeCom:Delivery:{key}", result.FailureMessage);
        }
    }

    [Fact]
    public void Validate_PassiveBudgetAtWeComsTimeout_Fails()
    {
        var result = new BotOptionsValidator().Validate(null, new BotOptions { PassiveReplyBudget = TimeSpan.FromSeconds(5) });

        Assert.Contains("Bot:PassiveReplyBudget", result.FailureMessage);
    }

    [Fact]
    public void Validate_SettingsWithoutCorpId_NamesTheMissingKey()
    {
        var validator = new WeComIncompleteSettingsValidator();

        Assert.True(validator.Validate(null, new WeComOptions()).Succeeded);
        Assert.Contains("WeCom:CorpId", validator.Validate(null, new WeComOptions { Token = "abc" }).FailureMessage);
    }
}
