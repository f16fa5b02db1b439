using System.Globalization;
using WealthActors.ReadModel;

namespace WealthActors.Silo.WebConsole;

/// <summary>The texts of the reports and the lists they drill down to, in the console's two languages.</summary>
public sealed record ReportTexts(
    string Reports,
    string Window,
    string WeeksFormat,
    string SlaAttainment,
    string FirstResponseOnTime,
    string ResolutionOnTime,
    string Received,
    string Week,
    string BreachesAndEscalations,
    string Breaches,
    string Escalations,
    string FirstResponseTimes,
    string Cases,
    string HotSpots,
    string Open,
    string AumByTier,
    string Clients,
    string Aum,
    string MaturityPipeline,
    string DaysFormat,
    string Holdings,
    string Amount,
    string DormantFormat,
    string Workload,
    string Employee,
    string OpenComplaints,
    string ComplaintList,
    string ClientList,
    string Name,
    string Advisor,
    string Tier,
    string LastInteraction,
    string NextMaturity,
    string NoClients,
    string Total,
    string Under,
    string HoursFormat,
    string DaysRangeFormat,
    string OrMore,
    IReadOnlyDictionary<ClientTier, string> Tiers)
{
    public static readonly ReportTexts Chinese = new(
        Reports: "报表", Window: "统计区间", WeeksFormat: "最近 {0} 周", SlaAttainment: "SLA 达成率（按网点、按周）",
        FirstResponseOnTime: "首次响应及时率", ResolutionOnTime: "办结及时率", Received: "受理", Week: "周",
        BreachesAndEscalations: "超时与升级趋势", Breaches: "超时", Escalations: "升级", FirstResponseTimes: "首次响应用时分布",
        Cases: "件数", HotSpots: "投诉类别（热点）", Open: "未办结", AumByTier: "各层级客户资产（AUM）", Clients: "客户数",
        Aum: "资产规模", MaturityPipeline: "到期资金（未来 30/60/90 天）", DaysFormat: "{0}–{1} 天", Holdings: "笔数",
        Amount: "金额", DormantFormat: "沉睡客户（{0} 天无联系）", Workload: "客户经理工作量", Employee: "员工",
        OpenComplaints: "在办投诉", ComplaintList: "投诉列表", ClientList: "客户列表", Name: "姓名", Advisor: "客户经理",
        Tier: "层级", LastInteraction: "最近联系", NextMaturity: "最近到期", NoClients: "没有符合条件的客户", Total: "合计",
        Under: "1 小时内", HoursFormat: "{0}–{1} 小时", DaysRangeFormat: "{0}–{1} 天", OrMore: "{0} 天以上",
        Tiers: new Dictionary<ClientTier, string>
        {
            [ClientTier.Mass] = "大众", [ClientTier.Affluent] = "富裕", [ClientTier.HighNetWorth] = "高净值", [ClientTier.UltraHighNetWorth] = "超高净值",
        });

    public static readonly ReportTexts English = new(
        Reports: "Reports", Window: "Window", WeeksFormat: "Last {0} weeks", SlaAttainment: "SLA attainment by branch and week",
        FirstResponseOnTime: "First response on time", ResolutionOnTime: "Resolved on time", Received: "Received", Week: "Week",
        BreachesAndEscalations: "Breaches and escalations", Breaches: "Breaches", Escalations: "Escalations",
        FirstResponseTimes: "Time to first response", Cases: "Cases", HotSpots: "Complaints by category (hot spots)", Open: "Open",
        AumByTier: "AUM by tier", Clients: "Clients", Aum: "AUM", MaturityPipeline: "Maturity pipeline (next 30/60/90 days)",
        DaysFormat: "{0}–{1} days", Holdings: "Holdings", Amount: "Amount", DormantFormat: "Dormant clients (no contact for {0} days)",
        Workload: "Advisor workload", Employee: "Employee", OpenComplaints: "Open complaints", ComplaintList: "Complaints",
        ClientList: "Clients", Name: "Name", Advisor: "Advisor", Tier: "Tier", LastInteraction: "Last contact",
        NextMaturity: "Next maturity", NoClients: "No client matches", Total: "Total", Under: "Under 1 h",
        HoursFormat: "{0}–{1} h", DaysRangeFormat: "{0}–{1} days", OrMore: "{0} days or more",
        Tiers: new Dictionary<ClientTier, string>
        {
            [ClientTier.Mass] = "Mass", [ClientTier.Affluent] = "Affluent", [ClientTier.HighNetWorth] = "High net worth",
            [ClientTier.UltraHighNetWorth] = "Ultra high net worth",
        });

    public static ReportTexts For(ConsoleTexts texts) => texts == ConsoleTexts.English ? English : Chinese;

    /// <summary>A first-response bucket as people read it: under 1 h, 1–4 h, …, 3 days or more.</summary>
    public string Bucket(MinuteRange bucket) => bucket switch
    {
        { From: 0 } => Under,
        { To: null } => Format(OrMore, bucket.From / 1440),
        { To: <= 1440 } => Format(HoursFormat, bucket.From / 60, bucket.To.Value / 60),
        _ => Format(DaysRangeFormat, bucket.From / 1440, bucket.To!.Value / 1440),
    };

    public static string Format(string format, params object[] values) => string.Format(CultureInfo.InvariantCulture, format, values);
}
