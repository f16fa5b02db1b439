namespace WealthActors.Employees;

/// <param name="Language">
/// The language the employee reads messages in: null or <c>zh</c> Chinese (the default), <c>en</c> English.
/// </param>
/// <param name="Deactivated">
/// A deactivated employee (left the bank, suspended) keeps their history but can no longer sign in or act. Stored as
/// "deactivated" rather than "active" so that profiles written before the field existed read as active.
/// </param>
[GenerateSerializer, Immutable, Alias("WealthActors.EmployeeProfile")]
public sealed record EmployeeProfile(
    [property: Id(0)] string Name,
    [property: Id(1)] EmployeeRole Role,
    [property: Id(2)] string BranchId,
    [property: Id(3)] string? ManagerId,
    [property: Id(4)] string? WeComUserId,
    [property: Id(5)] string? TeamsUserId,
    [property: Id(6)] bool Deactivated = false,
    [property: Id(7)] string? Language = null)
{
    public const string Chinese = "zh";
    public const string English = "en";

    public bool ReadsEnglish => Language == English;
}

/// <summary>
/// A message in an employee's inbox. <see cref="Key"/> de-duplicates deliveries (for an escalation:
/// <c>complaintId:level:policyVersion</c>); delivering the same key twice keeps one message. <see cref="CreatedAt"/> is
/// when the sender raised it (an escalation: the instant it fired); <see cref="DeliveredAt"/> when the recipient's inbox
/// took it, stamped by the recipient (null only on messages stored before it was recorded). <see cref="Text"/> is
/// Chinese and <see cref="EnglishText"/> its English as the sender wrote them; the recipient's inbox keeps the one its
/// owner reads (<see cref="EmployeeProfile.Language"/>), so every door shows them the same words. <see cref="TaskId"/>
/// and <see cref="ServiceRequestId"/> name the task or service request a message is about, so a card can carry its buttons.
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.InboxMessage")]
public sealed record InboxMessage(
    [property: Id(0)] string Id,
    [property: Id(1)] InboxKind Kind,
    [property: Id(2)] string Key,
    [property: Id(3)] string? ComplaintId,
    [property: Id(4)] string? ClientId,
    [property: Id(5)] string Text,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] IReadOnlyList<string> DeliveredVia,
    [property: Id(8)] DateTimeOffset? DeliveredAt = null,
    [property: Id(9)] string? EnglishText = null,
    [property: Id(10)] string? TaskId = null,
    [property: Id(11)] string? ServiceRequestId = null)
{
    /// <summary>This message as its recipient reads it: one text, in their language.</summary>
    public InboxMessage For(EmployeeProfile? recipient) =>
        this with { Text = recipient?.ReadsEnglish == true && EnglishText is { Length: > 0 } english ? english : Text, EnglishText = null };
}

/// <summary>A message's words in Chinese and in English, as a sender writes them; the recipient's inbox keeps the one they read.</summary>
public readonly record struct MessageText(string Chinese, string English);
