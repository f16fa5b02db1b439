using WealthActors.Employees;
using WealthActors.Grains.Cases;
using WealthActors.Grains.Complaints;
using WealthActors.Grains.Sla;
using WealthActors.Grains.Tasks;
using WealthActors.Sla;
using static WealthActors.Grains.Tests.Sla.SlaTesting;

namespace WealthActors.Grains.Tests.Cases;

/// <summary>
/// The SLA step of every kind of case, without a cluster: the due events of a real evaluation in, timeline entries,
/// outbox messages and a reassignment out.
/// </summary>
public sealed class CaseStepTests
{
    private static readonly DateTimeOffset Received = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>First response in 2 h, resolution in 48 h; the team lead is told at 4 h, the branch head takes over at 24 h.</summary>
    private static SlaPolicy Policy(EscalationAction atDayOne = EscalationAction.Reassign) => new(
        "step-test", "Step test", 3, new PolicyMatch(), 0, ClockKind.Calendar, null,
        TimeSpan.FromHours(2), TimeSpan.FromHours(48), 0.75,
        [new EscalationStep(TimeSpan.FromHours(4), EmployeeRole.TeamLead, EscalationAction.Notify),
         new EscalationStep(TimeSpan.FromHours(24), EmployeeRole.BranchHead, atDayOne)]);

    private static readonly List<(string Event, string? Assignee, string? Role)> Spoken = [];

    private static readonly CaseVoice Voice = new(
        "C-1",
        (e, assignee, role) =>
        {
            Spoken.Add((e.Name, assignee, role?.English));
            return new MessageText($"{e.Name} 中文", $"{e.Name} for {assignee}");
        },
        message => message with { ComplaintId = "C-1" });

    private static ComplaintState Complaint(SlaPolicy policy) => new()
    {
        Opened = true,
        ClientId = "CL-1",
        Assignee = "E-ADV",
        Policy = policy,
        Clock = SlaClock.Start(Received),
        Targets = new() { [EmployeeRole.TeamLead] = "E-TL", [EmployeeRole.BranchHead] = "E-BH" },
    };

    private static CaseStepOutcome Step(ISlaCase c, DateTimeOffset now)
    {
        Spoken.Clear();
        var due = SlaEvaluator.Evaluate(c.Policy, c.Clock, c.Fired, c.FiredLevel, now, CalendarOf(c.Policy), regulatory: c is ComplaintState).Due;
        return CaseStep.Decide(c, due, now, Voice);
    }

    [Fact]
    public void AReassigningEscalation_HandsTheCaseOver_AndWhatFiresAfterItGoesToTheNewAssignee()
    {
        var complaint = Complaint(Policy());
        var now = Received.AddHours(49);

        var outcome = Step(complaint, now);

        Assert.Equal(
            ["warn-first-response", "breach-first-response", "escalation-1", "escalation-2", "warn-resolution", "breach-resolution"],
            outcome.Fired.Select(f => f.Event.Name));
        Assert.Equal(
            [("E-ADV", "C-1:warn-first-response:3", InboxKind.Warning), ("E-ADV", "C-1:breach-first-response:3", InboxKind.Escalation),
             ("E-TL", "C-1:1:3", InboxKind.Escalation), ("E-BH", "C-1:2:3", InboxKind.Escalation),
             ("E-BH", "C-1:warn-resolution:3", InboxKind.Warning), ("E-BH", "C-1:breach-resolution:3", InboxKind.Escalation)],
            outcome.Outbox.Select(o => (o.EmployeeId, o.Message.Key, o.Message.Kind)));
        Assert.Equal(
            ["FirstResponseWarning", "FirstResponseBreach", "Escalated", "Escalated", "Assigned", "ResolutionWarning", "ResolutionBreach"],
            outcome.Timeline.Select(t => t.Kind));
        Assert.Equal("E-ADV → E-BH (escalation L2)", outcome.Timeline.Single(t => t.Kind == "Assigned").Text);
        Assert.All(outcome.Timeline, t => Assert.Equal(("sla", now), (t.By, t.At)));
        Assert.Equal("E-BH", outcome.Assignee);

        // The words name whoever had the case at that moment; an escalation its role.
        Assert.Equal(("escalation-1", "E-ADV", "team lead"), Spoken[2]);
        Assert.Equal(("escalation-2", "E-ADV", "branch head"), Spoken[3]);
        Assert.Equal(("breach-resolution", "E-BH", null), Spoken[5]);
        var message = outcome.Outbox[3].Message;
        Assert.Equal(("C-1", "CL-1", "escalation-2 中文", "escalation-2 for E-ADV"), (message.ComplaintId, message.ClientId, message.Text, message.EnglishText));

        // The earliest breach is the one a report counts.
        Assert.Equal(Received.AddHours(2), outcome.BreachedAt);
    }

    [Fact]
    public void Deciding_ChangesNothing_ApplyingRecordsIt_AndTheNextStepFindsNothingDue()
    {
        var complaint = Complaint(Policy());
        var now = Received.AddHours(25);

        var outcome = Step(complaint, now);
        Assert.Equal((0, 0, 0, "E-ADV", 0), (complaint.Fired.Count, complaint.Timeline.Count, complaint.Outbox.Count, complaint.Assignee, complaint.FiredLevel));

        outcome.ApplyTo(complaint);
        Assert.Equal(4, complaint.Fired.Count);
        Assert.Equal(2, complaint.FiredLevel);
        Assert.Equal(new Dictionary<int, DateTimeOffset> { [1] = now, [2] = now }, complaint.LevelFiredAt);
        Assert.Equal(outcome.Timeline, complaint.Timeline);
        Assert.Equal(outcome.Outbox, complaint.Outbox);
        Assert.Equal("E-BH", complaint.Assignee);

        Assert.Empty(Step(complaint, now).Fired);
    }

    [Fact]
    public void AnEscalationNobodyCanReceive_IsRecordedWithoutAMessage()
    {
        var complaint = Complaint(Policy());
        complaint.Targets.Remove(EmployeeRole.BranchHead);

        var outcome = Step(complaint, Received.AddHours(25));

        var level2 = outcome.Fired.Single(f => f.Event.Name == "escalation-2");
        Assert.Equal((EmployeeRole.BranchHead, (string?)null), (level2.ToRole, level2.Target));
        Assert.Contains(outcome.Timeline, t => t.Text == "L2 → BranchHead (nobody holds this role)");
        Assert.DoesNotContain(outcome.Outbox, o => o.Message.Key == "C-1:2:3");
        Assert.Equal("E-ADV", outcome.Assignee);
    }

    [Fact]
    public void TheRegulatorsDeadline_ReachesTheBranchHeadAsWellAsTheAssignee_OnceEach()
    {
        var complaint = Complaint(Policy(EscalationAction.Notify));
        complaint.Clock = complaint.Clock.Respond(Received.AddHours(1));
        complaint.Fired.UnionWith(["escalation-1", "escalation-2", "warn-resolution", "breach-resolution"]);
        complaint.FiredLevel = 2;

        var outcome = Step(complaint, Received.AddDays(15).AddMinutes(1));

        Assert.Equal(
            [("E-ADV", "C-1:regulatory-warning:3"), ("E-BH", "C-1:regulatory-warning:3"), ("E-ADV", "C-1:regulatory-breach:3"), ("E-BH", "C-1:regulatory-breach:3")],
            outcome.Outbox.Select(o => (o.EmployeeId, o.Message.Key)));
        Assert.Equal(Received.AddDays(15), outcome.BreachedAt);

        // The branch head who has the case gets each message once.
        complaint.Assignee = "E-BH";
        Assert.Equal(["E-BH", "E-BH"], Step(complaint, Received.AddDays(15).AddMinutes(1)).Outbox.Select(o => o.EmployeeId));
    }

    [Fact]
    public void ACaseWhoseSlaStartsAfresh_KeysItsMessagesByRound()
    {
        var task = new TaskState
        {
            Opened = true,
            ClientId = "CL-1",
            Assignee = "E-ADV",
            Policy = Policy(),
            Clock = SlaClock.Start(Received),
            Targets = new() { [EmployeeRole.TeamLead] = "E-TL" },
            Round = 2,
        };

        var outcome = Step(task, Received.AddHours(5));

        Assert.Equal(["C-1:warn-first-response:3:2", "C-1:breach-first-response:3:2", "C-1:1:3:2"], outcome.Outbox.Select(o => o.Message.Key));
    }
}
