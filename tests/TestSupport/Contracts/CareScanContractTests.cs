using WealthActors.Care;
using WealthActors.Grains.ReadModel;
using WealthActors.ReadModel;
using WealthActors.Silo.Care;

namespace WealthActors.Testing.Contracts;

/// <summary>The care scans every read model must answer alike (windows, tiers, stages and the ledger's anti-join).</summary>
public abstract class CareScanContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 28, 1, 0, 0, TimeSpan.Zero);

    protected abstract IReadModelWriter Writer { get; }

    protected abstract ICareScanQueries Care { get; }

    [Fact]
    public async Task BirthdayCandidates_WindowAcrossNewYear_FindsDecemberAndJanuaryBirthdaysOfTheTier()
    {
        await Writer.UpsertClient(Client("C01") with { Birthday = new DateOnly(1970, 12, 28) });
        await Writer.UpsertClient(Client("C02") with { Birthday = new DateOnly(1971, 1, 3) });
        await Writer.UpsertClient(Client("C03") with { Birthday = new DateOnly(1972, 1, 4) });
        await Writer.UpsertClient(Client("C04") with { Birthday = new DateOnly(1973, 12, 27) });
        await Writer.UpsertClient(Client("C05") with { Birthday = new DateOnly(1974, 12, 30), Tier = ClientTier.Affluent, Vip = false });
        await Writer.UpsertClient(Client("C06") with { Birthday = new DateOnly(1975, 12, 31), Tier = ClientTier.UltraHighNetWorth });

        var found = await Care.BirthdayCandidates(new DateOnly(2026, 12, 28), 6, ClientTier.HighNetWorth);

        Assert.Equal(["C01", "C02", "C06"], found.Select(c => c.ClientId));
    }

    [Fact]
    public async Task BirthdayCandidates_VipFlaggedByHandBelowTheTier_IsFound()
    {
        // A family member of a UHNW client: Affluent by assets, VIP by the advisor's flag.
        await Writer.UpsertClient(Client("C21") with { Birthday = new DateOnly(1990, 3, 2), Tier = ClientTier.Affluent, Vip = true });
        await Writer.UpsertClient(Client("C22") with { Birthday = new DateOnly(1991, 3, 2), Tier = ClientTier.Affluent, Vip = false });

        var found = await Care.BirthdayCandidates(new DateOnly(2027, 2, 27), 7, ClientTier.HighNetWorth);

        Assert.Equal(["C21"], found.Select(c => c.ClientId));
    }

    [Fact]
    public async Task Candidates_OfScansOtherThanBirthdays_CarryNoBirthday()
    {
        var today = new DateOnly(2026, 12, 28);
        await Writer.UpsertClient(Client("C07") with
        {
            Birthday = new DateOnly(1970, 12, 28),
            RiskExpiresOn = today.AddDays(3),
            LastInteractionAt = Now.AddDays(-90),
            Holdings = [new HoldingRow("P1", "Product", today.AddDays(7), 100m)],
        });

        var birthday = Assert.Single(await Care.BirthdayCandidates(today, 6, ClientTier.Mass));
        IReadOnlyList<CareCandidate> others =
        [
            .. await Care.MaturityCandidates(today, [30, 15, 7]),
            .. await Care.DormancyCandidates(Now.AddDays(-30)),
            .. await Care.RiskExpiryCandidates(today, 30),
        ];

        Assert.Equal(new DateOnly(1970, 12, 28), birthday.Birthday);
        Assert.Equal(3, others.Count);
        Assert.All(others, candidate => Assert.Null(candidate.Birthday));
    }

    [Fact]
    public async Task BirthdayCandidates_Feb29InANonLeapYear_IsFoundThroughFeb28()
    {
        await Writer.UpsertClient(Client("C11") with { Birthday = new DateOnly(1988, 2, 29) });

        var nonLeap = await Care.BirthdayCandidates(new DateOnly(2027, 2, 25), 3, ClientTier.Mass);
        var leapBefore = await Care.BirthdayCandidates(new DateOnly(2028, 2, 25), 3, ClientTier.Mass);
        var leapOn = await Care.BirthdayCandidates(new DateOnly(2028, 2, 26), 3, ClientTier.Mass);

        Assert.Equal("C11", Assert.Single(nonLeap).ClientId);
        Assert.Empty(leapBefore);
        Assert.Equal("C11", Assert.Single(leapOn).ClientId);
    }

    [Fact]
    public async Task BirthdayCandidates_RecordedThisYear_AreSkippedUntilNextYear()
    {
        await Writer.UpsertClient(Client("C21") with { Birthday = new DateOnly(1980, 1, 2) });
        await Care.RecordOccurrences([new CareOccurrence("care-birthday:C21:2027-01-02", CareRuleNames.Birthday, "C21", new DateOnly(2027, 1, 2), null, null, null, Now)]);

        Assert.Empty(await Care.BirthdayCandidates(new DateOnly(2026, 12, 28), 7, ClientTier.Mass));
        Assert.Empty(await Care.BirthdayCandidates(new DateOnly(2027, 1, 1), 7, ClientTier.Mass));
        Assert.Single(await Care.BirthdayCandidates(new DateOnly(2027, 12, 28), 7, ClientTier.Mass));
    }

    [Fact]
    public async Task BirthdayCandidates_Summary_CarriesHoldingsCountAndLastInteraction()
    {
        var last = Now.AddDays(-40);
        await Writer.UpsertClient(Client("C31", Holding("P1", null), Holding("P2", new DateOnly(2027, 5, 1))) with
        {
            Birthday = new DateOnly(1960, 12, 30),
            LastInteractionAt = last,
            OpenComplaints = 2,
        });

        var found = Assert.Single(await Care.BirthdayCandidates(new DateOnly(2026, 12, 28), 7, ClientTier.HighNetWorth));

        Assert.Equal(2, found.Holdings);
        Assert.Equal(last, found.LastInteractionAt);
        Assert.Equal(2, found.OpenComplaints);
        Assert.Equal(7_000_000m, found.Aum);
        Assert.Null(found.Holding);
    }

    [Fact]
    public async Task MaturityCandidates_EachHoldingInItsCurrentStage_UntilItsStageIsRecorded()
    {
        var today = new DateOnly(2026, 6, 1);
        await Writer.UpsertClient(Client("C41", Holding("P30", today.AddDays(30)), Holding("P04", today.AddDays(4)), Holding("P31", today.AddDays(31))));

        var first = await Care.MaturityCandidates(today, [30, 15, 7]);
        Assert.Equal(["P04", "P30"], first.Select(c => c.Holding!.ProductCode));
        Assert.All(first, c => Assert.Equal(3, c.Holdings));

        await Care.RecordOccurrences(
        [
            new CareOccurrence("k1", CareRuleNames.Maturity, "C41", today.AddDays(30), "P30", 30, null, Now),
            new CareOccurrence("k2", CareRuleNames.Maturity, "C41", today.AddDays(4), "P04", 7, null, Now),
        ]);

        Assert.Empty(await Care.MaturityCandidates(today, [30, 15, 7]));
        // P31 enters its 30-day stage; P30 waits for its 15-day stage.
        Assert.Equal(["P31"], (await Care.MaturityCandidates(today.AddDays(1), [30, 15, 7])).Select(c => c.Holding!.ProductCode));
        Assert.Equal(["P30", "P31"], (await Care.MaturityCandidates(today.AddDays(15), [30, 15, 7])).Select(c => c.Holding!.ProductCode));
    }

    [Fact]
    public async Task MaturityCandidates_NewerProjection_ReplacesTheClientsHoldings()
    {
        var today = new DateOnly(2026, 6, 1);
        await Writer.UpsertClient(Client("C51", Holding("OLD", today.AddDays(5))));
        await Writer.UpsertClient(Client("C51", Holding("NEW", today.AddDays(6))) with { UpdatedAt = Now.AddMinutes(1) });
        await Writer.UpsertClient(Client("C51", Holding("STALE", today.AddDays(7))) with { UpdatedAt = Now });

        var found = Assert.Single(await Care.MaturityCandidates(today, [30, 15, 7]));

        Assert.Equal("NEW", found.Holding!.ProductCode);
        Assert.Equal(today.AddDays(6), found.Holding.MaturityDate);
    }

    [Fact]
    public async Task DormancyCandidates_LastContactOrClientSince_UntilWarnedAboutThatContact()
    {
        var cutoff = Now.AddDays(-30);
        await Writer.UpsertClient(Client("C61") with { LastInteractionAt = Now.AddDays(-31), ClientSince = Now.AddDays(-400) });
        await Writer.UpsertClient(Client("C62") with { ClientSince = Now.AddDays(-45) });
        await Writer.UpsertClient(Client("C63") with { LastInteractionAt = Now.AddDays(-2), ClientSince = Now.AddDays(-400) });
        await Writer.UpsertClient(Client("C64") with { ClientSince = Now.AddDays(-3) });

        var found = await Care.DormancyCandidates(cutoff);
        Assert.Equal(["C61", "C62"], found.Select(c => c.ClientId));
        Assert.Equal(Now.AddDays(-31), found[0].LastContactAt);
        Assert.Equal(Now.AddDays(-45), found[1].LastContactAt);

        await Care.RecordOccurrences([new CareOccurrence("d1", CareRuleNames.Dormancy, "C61", null, null, null, Now.AddDays(-31), Now)]);
        Assert.Equal(["C62"], (await Care.DormancyCandidates(cutoff)).Select(c => c.ClientId));

        // A later contact starts a new clock: dormant again 30 days after it.
        await Writer.UpsertClient(Client("C61") with { LastInteractionAt = Now.AddDays(-1), ClientSince = Now.AddDays(-400), UpdatedAt = Now.AddMinutes(1) });
        Assert.DoesNotContain("C61", (await Care.DormancyCandidates(Now.AddDays(-25))).Select(c => c.ClientId));
        Assert.Contains("C61", (await Care.DormancyCandidates(Now.AddDays(-1))).Select(c => c.ClientId));
    }

    [Fact]
    public async Task RiskExpiryCandidates_ExpiringWithinTheDays_UntilRecorded()
    {
        var today = new DateOnly(2026, 6, 1);
        await Writer.UpsertClient(Client("C71") with { RiskExpiresOn = today });
        await Writer.UpsertClient(Client("C72") with { RiskExpiresOn = today.AddDays(30) });
        await Writer.UpsertClient(Client("C73") with { RiskExpiresOn = today.AddDays(31) });
        await Writer.UpsertClient(Client("C74") with { RiskExpiresOn = today.AddDays(-1) });

        Assert.Equal(["C71", "C72"], (await Care.RiskExpiryCandidates(today, 30)).Select(c => c.ClientId));

        await Care.RecordOccurrences([new CareOccurrence("r1", CareRuleNames.RiskExpiry, "C72", today.AddDays(30), null, null, null, Now)]);
        await Care.RecordOccurrences([new CareOccurrence("r1", CareRuleNames.RiskExpiry, "C72", today.AddDays(30), null, null, null, Now)]);
        Assert.Equal(["C71"], (await Care.RiskExpiryCandidates(today, 30)).Select(c => c.ClientId));
    }

    [Fact]
    public async Task RecordOccurrences_ManyInOneCall_RecordsEveryOne()
    {
        // More rows than a driver runs before it prepares a statement: each must be recorded with its own values.
        var today = new DateOnly(2026, 6, 1);
        var clients = Enumerable.Range(1, 12).Select(i => $"C8{i:00}").ToArray();
        foreach (var client in clients)
        {
            await Writer.UpsertClient(Client(client) with { RiskExpiresOn = today.AddDays(10) });
        }

        await Care.RecordOccurrences(
            [.. clients.Select(client => new CareOccurrence($"r:{client}", CareRuleNames.RiskExpiry, client, today.AddDays(10), null, null, null, Now))]);

        Assert.Empty(await Care.RiskExpiryCandidates(today, 30));
    }

    protected static HoldingRow Holding(string code, DateOnly? maturity) => new(code, $"Product {code}", maturity, 3_500_000m);

    protected static ClientRow Client(string id, params HoldingRow[] holdings) => new(
        id, $"Client {id}", "B1", "E1", ClientTier.HighNetWorth, true, 7_000_000m, null, null, null, null, LifecycleStage.Active, 0, Now,
        ClientSince: null, Holdings: holdings);
}
