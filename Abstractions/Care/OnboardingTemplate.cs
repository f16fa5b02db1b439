namespace WealthActors.Care;

/// <summary>How a step's days are counted: working days of the business calendar, or every day.</summary>
[GenerateSerializer, Alias("WealthActors.DayCounting")]
public enum DayCounting
{
    WorkingDays = 0,
    CalendarDays = 1,
}

/// <summary>
/// One task of the onboarding checklist: due <see cref="Days"/> after the client's first holding. <see cref="Key"/>
/// names the step for good: with the client it makes the task's id, so the same step of the same client is one task
/// however often the plan is made again.
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.OnboardingStep")]
public sealed record OnboardingStep(
    [property: Id(0)] string Key,
    [property: Id(1)] string Title,
    [property: Id(2)] string? EnglishTitle,
    [property: Id(3)] int Days,
    [property: Id(4)] DayCounting Counting);

/// <summary>
/// The checklist a client gets on becoming New (their first holding), one task per step for their advisor. Working days
/// count in <see cref="CalendarId"/>, the business calendar the SLA engine counts in (its default when unknown).
/// </summary>
[GenerateSerializer, Immutable, Alias("WealthActors.OnboardingTemplate")]
public sealed record OnboardingTemplate(
    [property: Id(0)] bool Enabled,
    [property: Id(1)] string CalendarId,
    [property: Id(2)] IReadOnlyList<OnboardingStep> Steps)
{
    public const string DefaultCalendarId = "cn-mainland";

    /// <summary>The shipped checklist: a welcome call within a working day, a risk assessment within five, a first review at 30 days.</summary>
    public static OnboardingTemplate Default { get; } = new(true, DefaultCalendarId,
    [
        new OnboardingStep("welcome-call", "欢迎致电新客户", "Welcome call to the new client", 1, DayCounting.WorkingDays),
        new OnboardingStep("risk-assessment", "完成风险评估", "Complete the risk assessment", 5, DayCounting.WorkingDays),
        new OnboardingStep("first-review", "首次资产检视", "First portfolio review", 30, DayCounting.CalendarDays),
    ]);
}
