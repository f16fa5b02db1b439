namespace WealthActors.Bot.Channels.WeCom;

/// <summary>
/// Who WeCom says opened a page with a sign-in code (获取访问用户身份): a member of the organisation has a
/// <see cref="UserId"/>; a WeChat user outside it only an <see cref="OpenId"/>, and a customer of the organisation
/// also an <see cref="ExternalUserId"/>.
/// </summary>
public sealed record WeComVisitor(string? UserId, string? OpenId, string? ExternalUserId)
{
    public bool IsMember => !string.IsNullOrEmpty(UserId);
}
