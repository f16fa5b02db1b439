using WealthActors.Employees;

namespace WealthActors.Silo.WebConsole;

/// <summary>
/// Every text the console shows, one instance per language: Chinese by default, English on request (the
/// <see cref="LanguageCookie"/> cookie, set by the switch in the layout).
/// </summary>
public sealed record ConsoleTexts(
    string Code,
    string Title,
    string Board,
    string MyWork,
    string SignOut,
    string SwitchLanguage,
    string OnTrack,
    string AtRisk,
    string Breached,
    string Paused,
    string AllStates,
    string Branch,
    string Category,
    string Severity,
    string Assignee,
    string State,
    string Any,
    string SortBy,
    string Urgency,
    string Newest,
    string BySeverity,
    string ByEscalation,
    string Complaint,
    string Client,
    string Level,
    string NextDeadline,
    string Opened,
    string Status,
    string NoComplaints,
    string OpenComplaints,
    string LiveNote,
    string NotFound,
    string NotSignedIn,
    IReadOnlyDictionary<EmployeeRole, string> Roles)
{
    public const string LanguageCookie = "wa.lang";

    public static readonly ConsoleTexts Chinese = new(
        Code: "zh",
        Title: "客户服务管理台",
        Board: "SLA 看板",
        MyWork: "我的工作",
        SignOut: "退出登录",
        SwitchLanguage: "English",
        OnTrack: "正常",
        AtRisk: "临近超时",
        Breached: "已超时",
        Paused: "已暂停",
        AllStates: "全部",
        Branch: "网点",
        Category: "类别",
        Severity: "严重程度",
        Assignee: "处理人",
        State: "SLA 状态",
        Any: "不限",
        SortBy: "排序",
        Urgency: "最紧急优先",
        Newest: "最新受理优先",
        BySeverity: "最严重优先",
        ByEscalation: "升级级别最高优先",
        Complaint: "投诉编号",
        Client: "客户",
        Level: "升级级别",
        NextDeadline: "下一时限",
        Opened: "受理时间",
        Status: "状态",
        NoComplaints: "没有符合条件的未结投诉。",
        OpenComplaints: "未结投诉",
        LiveNote: "实时更新",
        NotFound: "未找到",
        NotSignedIn: "请先登录。",
        Roles: new Dictionary<EmployeeRole, string>
        {
            [EmployeeRole.Advisor] = "理财顾问",
            [EmployeeRole.TeamLead] = "团队主管",
            [EmployeeRole.BranchHead] = "网点负责人",
            [EmployeeRole.RegionalHead] = "区域负责人",
            [EmployeeRole.Compliance] = "合规",
            [EmployeeRole.Admin] = "系统管理员",
        });

    public static readonly ConsoleTexts English = new(
        Code: "en",
        Title: "Client service console",
        Board: "SLA board",
        MyWork: "My work",
        SignOut: "Sign out",
        SwitchLanguage: "中文",
        OnTrack: "On track",
        AtRisk: "At risk",
        Breached: "Breached",
        Paused: "Paused",
        AllStates: "All",
        Branch: "Branch",
        Category: "Category",
        Severity: "Severity",
        Assignee: "Assignee",
        State: "SLA state",
        Any: "Any",
        SortBy: "Sort",
        Urgency: "Most urgent first",
        Newest: "Newest first",
        BySeverity: "Most severe first",
        ByEscalation: "Highest escalation first",
        Complaint: "Complaint",
        Client: "Client",
        Level: "Level",
        NextDeadline: "Next deadline",
        Opened: "Opened",
        Status: "Status",
        NoComplaints: "No open complaints match.",
        OpenComplaints: "Open complaints",
        LiveNote: "Live",
        NotFound: "Not found",
        NotSignedIn: "Please sign in.",
        Roles: new Dictionary<EmployeeRole, string>
        {
            [EmployeeRole.Advisor] = "Advisor",
            [EmployeeRole.TeamLead] = "Team lead",
            [EmployeeRole.BranchHead] = "Branch head",
            [EmployeeRole.RegionalHead] = "Regional head",
            [EmployeeRole.Compliance] = "Compliance",
            [EmployeeRole.Admin] = "Administrator",
        });

    /// <summary>The texts of <paramref name="code"/> ("en" or anything else: Chinese).</summary>
    public static ConsoleTexts For(string? code) => code == English.Code ? English : Chinese;

    public string StateName(SlaState state) => state switch
    {
        SlaState.OnTrack => OnTrack,
        SlaState.AtRisk => AtRisk,
        SlaState.Breached => Breached,
        SlaState.Paused => Paused,
        _ => state.ToString(),
    };
}
