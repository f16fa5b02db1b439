using WealthActors.Care;
using WealthActors.Grains.Care;

namespace WealthActors.Silo.Storage.ReadModel;

/// <summary>
/// The care scans' SQL, shared by SQLite and PostgreSQL: only the birthday column differs (<see cref="ReadModelDialect.BirthdayColumn"/>:
/// SQLite keeps "MM-DD" text, PostgreSQL an MMDD number; the birthday itself is sealed, its month and day alone are kept
/// in clear). Parameter values are strings, integers, dates or instants; the dialect binds them in its own representation.
/// Each scan anti-joins the ledger, so recorded occurrences never leave the database.
/// </summary>
internal static class CareScanSql
{
    public const string LastContact = "coalesce(c.last_interaction_at, c.client_since)";

    // The birthday is read sealed; the clear column is what a release before sealing wrote (SealedBirthdays.Open). Only
    // the birthday scan reads it: the others need no birthday, so they neither carry nor open one.
    private const string ClientColumns = $"""
        c.client_id, c.name, c.branch_id, c.advisor_id, c.tier, c.vip, c.aum, c.birthday_sealed, c.risk_expires_on,
        c.last_interaction_at, {LastContact}, c.open_complaints,
        (SELECT count(*) FROM rm_holdings n WHERE n.client_id = c.client_id), c.birthday
        """;

    private const string ClientColumnsWithoutBirthday = $"""
        c.client_id, c.name, c.branch_id, c.advisor_id, c.tier, c.vip, c.aum, NULL, c.risk_expires_on,
        c.last_interaction_at, {LastContact}, c.open_complaints,
        (SELECT count(*) FROM rm_holdings n WHERE n.client_id = c.client_id), NULL
        """;

    private const string NoHolding = "NULL, NULL, NULL, NULL";

    private const string Recorded = "SELECT 1 FROM care_occurrences o WHERE o.rule = @rule AND o.client_id = c.client_id";

    public static (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) Birthday(ReadModelDialect dialect, DateOnly today, int leadDays, ClientTier minTier)
    {
        var parameters = new List<(string, object)> { ("rule", CareRuleNames.Birthday), ("min_tier", (int)minTier), ("today", today) };
        var days = CareWindows.BirthdayMonthDays(today, leadDays);
        var names = new List<string>();
        for (var i = 0; i < days.Count; i++)
        {
            names.Add($"@md{i}");
            parameters.Add(($"md{i}", dialect.BirthdayValue(days[i].Month, days[i].Day)));
        }

        // Clients of the tier and every VIP (of a VIP tier or flagged by hand, such as a family member of one); any birthday
        // recorded on or after today is this year's (the window is shorter than a year).
        var sql = $"""
            SELECT {ClientColumns}, {NoHolding}
            FROM rm_clients c
            WHERE c.{dialect.BirthdayColumn} IN ({string.Join(", ", names)}) AND (c.tier >= @min_tier OR c.vip)
              AND NOT EXISTS ({Recorded} AND o.occurrence_on >= @today)
            ORDER BY c.client_id;
            """;
        return (sql, parameters);
    }

    public static (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) Maturity(DateOnly today, IReadOnlyList<int> stageDays)
    {
        var stages = stageDays.Distinct().Order().ToArray();
        var parameters = new List<(string, object)>
        {
            ("rule", CareRuleNames.Maturity), ("today", today), ("until", today.AddDays(stages[^1])),
        };
        // The current stage: the smallest stage whose date (maturity - stage days) has come.
        var cases = new List<string>();
        for (var i = 0; i < stages.Length; i++)
        {
            cases.Add($"WHEN h.maturity_date <= @stage_until{i} THEN @stage{i}");
            parameters.Add(($"stage_until{i}", today.AddDays(stages[i])));
            parameters.Add(($"stage{i}", stages[i]));
        }

        var sql = $"""
            SELECT {ClientColumnsWithoutBirthday}, h.product_code, h.product_name, h.maturity_date, h.amount
            FROM rm_holdings h JOIN rm_clients c ON c.client_id = h.client_id
            WHERE h.maturity_date >= @today AND h.maturity_date <= @until
              AND NOT EXISTS ({Recorded} AND o.detail = h.product_code AND o.occurrence_on = h.maturity_date
                              AND o.stage = CASE {string.Join(" ", cases)} END)
            ORDER BY c.client_id, h.product_code;
            """;
        return (sql, parameters);
    }

    public static (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) Dormancy(DateTimeOffset contactBefore)
    {
        // A warning about this last contact (or a later one) already went out; a new interaction starts a new clock.
        var sql = $"""
            SELECT {ClientColumnsWithoutBirthday}, {NoHolding}
            FROM rm_clients c
            WHERE {LastContact} <= @contact_before
              AND NOT EXISTS ({Recorded} AND o.contact_at >= {LastContact})
            ORDER BY c.client_id;
            """;
        return (sql, [("rule", CareRuleNames.Dormancy), ("contact_before", contactBefore)]);
    }

    public static (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) RiskExpiry(DateOnly today, int days)
    {
        var sql = $"""
            SELECT {ClientColumnsWithoutBirthday}, {NoHolding}
            FROM rm_clients c
            WHERE c.risk_expires_on >= @today AND c.risk_expires_on <= @until
              AND NOT EXISTS ({Recorded} AND o.occurrence_on = c.risk_expires_on)
            ORDER BY c.client_id;
            """;
        return (sql, [("rule", CareRuleNames.RiskExpiry), ("today", today), ("until", today.AddDays(days))]);
    }

    public const string RecordOccurrence = """
        INSERT INTO care_occurrences (occurrence_key, rule, client_id, occurrence_on, detail, stage, contact_at, recorded_at)
        VALUES (@occurrence_key, @rule, @client_id, @occurrence_on, @detail, @stage, @contact_at, @recorded_at)
        ON CONFLICT (occurrence_key) DO NOTHING;
        """;
}
