using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using WealthActors.Grains.Hosting;
using WealthActors.Silo.Hosting;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Hosting;

/// <summary>The reminder service's table refresh: the product's defaults, an operator's settings, a refused mistake.</summary>
[Collection(ApiCollection.Name)]
public sealed class ReminderServiceOptionsTests(ApiFactory api)
{
    [Fact]
    public void Start_WithoutSettings_RefreshesEveryHalfHourWithAnHourWindow()
    {
        // The collection's silo sets nothing under Orleans:ReminderService or Sla.
        var options = api.Services.GetRequiredService<IOptions<ReminderOptions>>().Value;

        Assert.Equal(TimeSpan.FromMinutes(30), options.RefreshReminderListPeriod);
        Assert.Equal(TimeSpan.FromHours(1), options.ReminderLoadingWindow);
        // The deadline retry period still bounds how late a deadline missed during an outage fires.
        Assert.Equal(new SlaOptions().ReminderRetryPeriod, options.MinimumReminderPeriod);
    }

    [Fact]
    public async Task Start_WithSettings_AppliesThem()
    {
        await using var configured = ApiFactory.With(new Dictionary<string, string?>
        {
            [$"{OrleansOptions.ReminderServiceSection}:RefreshReminderListPeriod"] = "00:10:00",
            [$"{OrleansOptions.ReminderServiceSection}:ReminderLoadingWindow"] = "00:25:00",
        });

        var options = configured.Services.GetRequiredService<IOptions<ReminderOptions>>().Value;

        Assert.Equal(TimeSpan.FromMinutes(10), options.RefreshReminderListPeriod);
        Assert.Equal(TimeSpan.FromMinutes(25), options.ReminderLoadingWindow);
    }

    [Fact]
    public async Task Start_WindowShorterThanThePeriod_FailsNamingTheWindow()
    {
        // A reminder due just beyond the window would wait for the next refresh and fire late.
        await using var misconfigured = ApiFactory.With(new Dictionary<string, string?>
        {
            [$"{OrleansOptions.ReminderServiceSection}:ReminderLoadingWindow"] = "00:20:00",
        });

        var failure = Record.Exception(() => misconfigured.As(null));

        Assert.NotNull(failure);
        Assert.Contains("ReminderLoadingWindow", failure.ToString(), StringComparison.Ordinal);
    }
}
