using System.Net;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Apis;

[Collection(ApiCollection.Name)]
public sealed class CalendarsApiTests(ApiFactory api)
{
    private static string NewId() => $"cal-{Guid.NewGuid():N}"[..16];

    private static Dictionary<string, object?> Body() => new()
    {
        ["name"] = "London office",
        ["timeZone"] = "Europe/London",
        ["workingHours"] = new { start = "09:00", end = "17:30" },
        ["holidays"] = new[] { new { date = "2026-12-25", name = "Christmas Day" }, new { date = "2026-12-28", name = "Boxing Day (substitute)" } },
        ["makeUpWorkingDays"] = Array.Empty<string>(),
    };

    [Fact]
    public async Task List_Shipped_IncludesMainlandChinaWith2026Facts()
    {
        var calendars = await (await api.As("Manager").GetAsync("/api/calendars")).Json(HttpStatusCode.OK);
        var mainland = calendars.AsArray().Single(c => c!.Str("id") == "cn-mainland")!;

        Assert.Equal("Asia/Shanghai", mainland.Str("timeZone"));
        Assert.Contains(mainland["holidays"]!.AsArray(), h => h!.Str("date") == "2026-10-01");
        Assert.Contains(mainland["makeUpWorkingDays"]!.AsArray(), d => d!.GetValue<string>() == "2026-10-10");
        Assert.Contains(calendars.AsArray(), c => c!.Str("id") == "cn-weekdays");
    }

    [Fact]
    public async Task Put_NewCalendarTwice_IncreasesVersionAndReadsBack()
    {
        var id = NewId();

        var first = await (await api.As("Admin").PutJson($"/api/calendars/{id}", Body())).Json(HttpStatusCode.OK);
        var second = await (await api.As("Admin").PutJson($"/api/calendars/{id}", Body())).Json(HttpStatusCode.OK);
        var read = await (await api.As("Advisor").GetAsync($"/api/calendars/{id}")).Json(HttpStatusCode.OK);

        Assert.Equal(1, first["version"]!.GetValue<int>());
        Assert.Equal(2, second["version"]!.GetValue<int>());
        Assert.Equal(2, read["version"]!.GetValue<int>());
        Assert.Equal("17:30", read["workingHours"]!.Str("end"));
        Assert.Equal("2026-12-28", read["holidays"]![1]!.Str("date"));
    }

    [Fact]
    public async Task Put_MainlandChinaWith2027Added_KeepsEarlierYearsAndBumpsVersion()
    {
        var admin = api.As("Admin");
        var current = await (await admin.GetAsync("/api/calendars/cn-mainland")).Json(HttpStatusCode.OK);
        var holidays = current["holidays"]!.AsArray().Select(h => new { date = h.Str("date"), name = h.Str("name") }).ToList();
        holidays.Add(new { date = "2027-01-01", name = "元旦 New Year" });

        var stored = await (await admin.PutJson("/api/calendars/cn-mainland", new
        {
            name = current.Str("name"),
            timeZone = current.Str("timeZone"),
            holidays,
            makeUpWorkingDays = current["makeUpWorkingDays"]!.AsArray().Select(d => d!.GetValue<string>()),
            source = current.Str("source"),
        })).Json(HttpStatusCode.OK);

        Assert.Equal(current["version"]!.GetValue<int>() + 1, stored["version"]!.GetValue<int>());
        Assert.Contains(stored["holidays"]!.AsArray(), h => h!.Str("date") == "2027-01-01");
        Assert.Contains(stored["holidays"]!.AsArray(), h => h!.Str("date") == "2026-10-01");
    }

    [Theory]
    [InlineData("timeZone")]
    [InlineData("makeUpWorkingDays[0]")]
    [InlineData("workingHours.end")]
    [InlineData("holidays[1].date")]
    [InlineData("holidays[0].date")]
    [InlineData("id")]
    public async Task Put_BadInput_Is400NamingTheFieldAndChangesNothing(string field)
    {
        var id = NewId();
        var body = Body();
        switch (field)
        {
            case "timeZone": body["timeZone"] = "Mars/Olympus_Mons"; break;
            case "makeUpWorkingDays[0]": body["makeUpWorkingDays"] = new[] { "2026-12-25" }; break;
            case "workingHours.end": body["workingHours"] = new { start = "17:30", end = "09:00" }; break;
            case "holidays[1].date": body["holidays"] = new[] { new { date = "2026-12-25", name = "a" }, new { date = "2026-12-25", name = "again" } }; break;
            case "holidays[0].date": body["holidays"] = new[] { new { date = "25.12.2026", name = "a" } }; break;
            case "id": body["id"] = "someone-else"; break;
        }

        await (await api.As("Admin").PutJson($"/api/calendars/{id}", body)).Problem(HttpStatusCode.BadRequest, field);

        Assert.Equal(HttpStatusCode.NotFound, (await api.As("Admin").GetAsync($"/api/calendars/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("Manager")]
    [InlineData("Advisor")]
    [InlineData("Compliance")]
    public async Task Put_NotAdmin_Is403AndChangesNothing(string role)
    {
        var id = NewId();

        Assert.Equal(HttpStatusCode.Forbidden, (await api.As(role).PutJson($"/api/calendars/{id}", Body())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.As("Admin").GetAsync($"/api/calendars/{id}")).StatusCode);
    }

    [Fact]
    public async Task Get_NoKey_Is401() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.As(null).GetAsync("/api/calendars")).StatusCode);

    [Fact]
    public async Task Get_Unknown_Is404() =>
        await (await api.As("Manager").GetAsync($"/api/calendars/{NewId()}")).Problem(HttpStatusCode.NotFound);
}
