using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace WealthActors.Testing.WeCom;

/// <summary>
/// 客户联系 on the fake: <c>externalcontact/add_msg_template</c> (创建企业群发) as WeCom answers it. The sender must be
/// a member, each external contact id must be known (else errcode 40096, as WeCom answers an invalid one), a contact
/// that is not the sender's, or that already got four messages from the organisation this calendar month, is put in
/// <c>fail_list</c>; the others get the task (<c>msgid</c>), which the member then confirms in their WeCom client.
/// </summary>
public sealed partial class FakeWeComServer
{
    public const int MonthlyLimitPerContact = 4;

    private readonly ConcurrentDictionary<string, string> _externalContacts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Contact, string Month), int> _sentThisMonth = new();
    private readonly ConcurrentQueue<(string Sender, string ExternalUserId, string Text)> _customerMessages = new();

    /// <summary>Makes <paramref name="externalUserId"/> a client in the contacts of member <paramref name="memberUserId"/>.</summary>
    public void AddExternalContact(string externalUserId, string memberUserId) => _externalContacts[externalUserId] = memberUserId;

    /// <summary>Every customer message task WeCom accepted for a contact: sender, external contact, text.</summary>
    public IReadOnlyList<(string Sender, string ExternalUserId, string Text)> CustomerMessages => [.. _customerMessages];

    private async Task AddMessageTemplateAsync(HttpContext context)
    {
        var accessToken = context.Request.Query["access_token"].SingleOrDefault();
        var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
        _calls.Enqueue(new FakeWeComCall("externalcontact/add_msg_template", accessToken, body));
        await Json(Refusal(accessToken) ?? (_forcedErrcodes.TryDequeue(out var forced)
            ? new JsonObject { ["errcode"] = forced, ["errmsg"] = $"forced error {forced}" }
            : MessageTemplate(body))).ExecuteAsync(context);
    }

    private JsonObject MessageTemplate(JsonObject body)
    {
        var sender = (string?)body["sender"];
        var contacts = body["external_userid"]?.AsArray().Select(n => (string?)n).ToList() ?? [];
        if ((string?)body["chat_type"] is not (null or "single") || string.IsNullOrEmpty(sender) || contacts.Count == 0
            || (string?)body["text"]?["content"] is not { Length: > 0 } text)
        {
            return new JsonObject { ["errcode"] = 40058, ["errmsg"] = "invalid parameter", ["fail_list"] = new JsonArray() };
        }

        if (contacts.Any(c => c is null || !_externalContacts.ContainsKey(c)))
        {
            return new JsonObject { ["errcode"] = 40096, ["errmsg"] = "invalid external userid", ["fail_list"] = new JsonArray() };
        }

        var month = _clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var failed = new JsonArray();
        foreach (var contact in contacts)
        {
            var sent = _sentThisMonth.GetOrAdd((contact!, month), 0);
            if (_externalContacts[contact!] != sender || sent >= MonthlyLimitPerContact)
            {
                failed.Add(contact);
                continue;
            }

            _sentThisMonth[(contact!, month)] = sent + 1;
            _customerMessages.Enqueue((sender, contact!, text));
        }

        return new JsonObject
        {
            ["errcode"] = 0, ["errmsg"] = "ok", ["fail_list"] = failed, ["msgid"] = $"msg{Guid.NewGuid():N}",
        };
    }
}
