using WealthActors.Employees;
using WealthActors.Grains.Tests.Infrastructure;

namespace WealthActors.Grains.Tests.Employees;

/// <summary>A sender writes a message in Chinese and English; the recipient's inbox keeps the language they read.</summary>
[Collection(ClusterCollection.Name)]
public sealed class InboxLanguageTests(ClusterFixture fixture)
{
    private static InboxMessage Message() =>
        new($"K-{Guid.NewGuid():N}", InboxKind.Task, "k", null, "C1", "【生日关怀】张伟 5 月 20 日生日", DateTimeOffset.UnixEpoch, ["inbox"],
            EnglishText: "Birthday on 05-20: Zhang Wei");

    [Theory]
    [InlineData(null, "【生日关怀】张伟 5 月 20 日生日")]
    [InlineData(EmployeeProfile.Chinese, "【生日关怀】张伟 5 月 20 日生日")]
    [InlineData(EmployeeProfile.English, "Birthday on 05-20: Zhang Wei")]
    public async Task Deliver_KeepsTheTextInTheRecipientsLanguage(string? language, string expected)
    {
        var employee = fixture.Grains.GetGrain<IEmployeeGrain>($"E-{Guid.NewGuid():N}");
        await employee.Upsert(new EmployeeProfile("陈", EmployeeRole.Advisor, "B1", null, null, null, Language: language), TestOrg.System);

        await employee.Deliver(Message());

        var kept = Assert.Single(await employee.GetInbox(10));
        Assert.Equal(expected, kept.Text);
        Assert.Null(kept.EnglishText);
    }

    [Fact]
    public void For_AMessageWithoutEnglish_KeepsItsTextForAnEnglishReader()
    {
        var chineseOnly = Message() with { EnglishText = null };

        var read = chineseOnly.For(new EmployeeProfile("Li", EmployeeRole.Advisor, "B1", null, null, null, Language: EmployeeProfile.English));

        Assert.Equal(chineseOnly.Text, read.Text);
    }
}
