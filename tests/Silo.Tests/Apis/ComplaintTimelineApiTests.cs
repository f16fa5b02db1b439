using System.Net;
using WealthActors.Silo.Tests.Auth;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Apis;

[Collection(ApiCollection.Name)]
public sealed class ComplaintTimelineApiTests(ApiFactory api)
{
    [Fact]
    public async Task Timeline_LongerThanTheGrainKeeps_IsReadInFullPageByPage()
    {
        var org = await Org.Create(api);
        var system = api.As("System");
        var id = (await (await system.PostJson("/api/complaints", new
        {
            clientId = org.Client, category = "Service", severity = "High", channel = "phone", description = "Long case", openedBy = "CC-1",
        })).Json(HttpStatusCode.Created)).Str("complaintId");
        const int notes = 320;
        for (var i = 0; i < notes; i++)
        {
            await (await system.PostJson($"/api/complaints/{id}/notes", new { by = org.Advisor, text = $"note {i}" })).Json(HttpStatusCode.OK);
        }

        var seqs = new List<long>();
        var texts = new List<string?>();
        string? url = $"/api/complaints/{id}/timeline?limit=100";
        while (url is not null)
        {
            var page = await (await (await api.AsPerson(org.Advisor)).GetAsync(url)).Json(HttpStatusCode.OK);
            foreach (var entry in page["entries"]!.AsArray())
            {
                seqs.Add(entry!["seq"]!.GetValue<long>());
                texts.Add(entry["text"]?.GetValue<string>());
            }

            url = page["next"] is { } next ? $"/api/complaints/{id}/timeline?limit=100&before={next.GetValue<long>()}" : null;
        }

        Assert.Equal(Enumerable.Range(0, seqs.Count).Select(i => (long)(seqs.Count - 1 - i)), seqs);
        Assert.Equal(Enumerable.Range(0, notes).Select(i => $"note {i}"), texts.Where(t => t?.StartsWith("note ", StringComparison.Ordinal) == true).Reverse());
        var view = await (await system.GetAsync($"/api/complaints/{id}")).Json(HttpStatusCode.OK);
        Assert.True(view["timeline"]!.AsArray().Count < seqs.Count, "the grain's own view should hold only the recent part");
    }

    [Fact]
    public async Task Timeline_OfAComplaintOutsideThePersonsReach_Is404()
    {
        var org = await Org.Create(api);
        var id = (await (await api.As("System").PostJson("/api/complaints", new
        {
            clientId = org.Client, category = "Service", severity = "High", channel = "phone", description = "x", openedBy = "CC-1",
        })).Json(HttpStatusCode.Created)).Str("complaintId");

        Assert.Equal(HttpStatusCode.NotFound, (await (await api.AsPerson(org.OtherAdvisor)).GetAsync($"/api/complaints/{id}/timeline")).StatusCode);
        await (await api.As("System").GetAsync($"/api/complaints/{id}/timeline?limit=0")).Problem(HttpStatusCode.BadRequest, "limit");
    }
}
