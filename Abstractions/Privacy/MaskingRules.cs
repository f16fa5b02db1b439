namespace WealthActors.Privacy;

/// <summary>
/// Who sees how much of each personal field, as data: audience (an employee role's name, or <see cref="System"/> for an
/// integration key) → field → level. Configured under <c>Privacy:Masking</c>; a field an audience does not name is
/// <see cref="MaskLevel.Hidden"/> to it, and an audience no rule names sees nothing (deny by default).
/// </summary>
public sealed class MaskingRules
{
    public const string Section = "Privacy:Masking";

    /// <summary>The audience of an API key that integrates a system of record, which must see what it syncs.</summary>
    public const string System = "System";

    private readonly Dictionary<string, Dictionary<PersonalField, MaskLevel>> _rules;

    public MaskingRules(IReadOnlyDictionary<string, IReadOnlyDictionary<PersonalField, MaskLevel>> rules)
    {
        _rules = rules.ToDictionary(
            a => a.Key, a => a.Value.ToDictionary(f => f.Key, f => f.Value), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The defaults: people who serve clients see bank-style partial values (a birthday's month and day, for care);
    /// compliance and integrations see everything, and every such read is audited; administrators configure the
    /// system and see no personal data.
    /// </summary>
    public static MaskingRules Default { get; } = new(new Dictionary<string, IReadOnlyDictionary<PersonalField, MaskLevel>>
    {
        [nameof(EmployeeRole.Advisor)] = All(MaskLevel.Partial),
        [nameof(EmployeeRole.TeamLead)] = All(MaskLevel.Partial),
        [nameof(EmployeeRole.BranchHead)] = All(MaskLevel.Partial),
        [nameof(EmployeeRole.RegionalHead)] = All(MaskLevel.Partial),
        [nameof(EmployeeRole.Compliance)] = All(MaskLevel.Full),
        [nameof(EmployeeRole.Admin)] = All(MaskLevel.Hidden),
        [System] = All(MaskLevel.Full),
    });

    /// <summary>The audiences these rules name, for validating configuration.</summary>
    public IEnumerable<string> Audiences => _rules.Keys;

    /// <summary>These rules with <paramref name="overrides"/> laid over them, field by field.</summary>
    public MaskingRules With(IReadOnlyDictionary<string, IReadOnlyDictionary<PersonalField, MaskLevel>> overrides)
    {
        var merged = _rules.ToDictionary(
            a => a.Key, a => (IReadOnlyDictionary<PersonalField, MaskLevel>)new Dictionary<PersonalField, MaskLevel>(a.Value),
            StringComparer.OrdinalIgnoreCase);
        foreach (var (audience, fields) in overrides)
        {
            var levels = merged.TryGetValue(audience, out var existing)
                ? new Dictionary<PersonalField, MaskLevel>(existing)
                : [];
            foreach (var (field, level) in fields)
            {
                levels[field] = level;
            }

            merged[audience] = levels;
        }

        return new MaskingRules(merged);
    }

    /// <summary>
    /// What a caller holding <paramref name="audiences"/> sees: for each field the most any of them may see (a key
    /// holding both Admin and System sees what System sees).
    /// </summary>
    public ClientMask For(IEnumerable<string> audiences)
    {
        var known = audiences.Where(_rules.ContainsKey).Select(a => _rules[a]).ToList();
        return new ClientMask(Level(known, PersonalField.Phone), Level(known, PersonalField.IdNumber), Level(known, PersonalField.Birthday));
    }

    public ClientMask For(EmployeeRole role) => For([role.ToString()]);

    private static MaskLevel Level(List<Dictionary<PersonalField, MaskLevel>> audiences, PersonalField field) =>
        audiences.Select(a => a.GetValueOrDefault(field, MaskLevel.Hidden)).DefaultIfEmpty(MaskLevel.Hidden).Min();

    private static Dictionary<PersonalField, MaskLevel> All(MaskLevel level) =>
        Enum.GetValues<PersonalField>().ToDictionary(f => f, _ => level);
}

/// <summary>One caller's view of a client's personal fields.</summary>
public sealed record ClientMask(MaskLevel Phone, MaskLevel IdNumber, MaskLevel Birthday)
{
    /// <summary>Whether this view shows any field in full: such a read is recorded in the audit trail.</summary>
    public bool RevealsAny => Phone == MaskLevel.Full || IdNumber == MaskLevel.Full || Birthday == MaskLevel.Full;
}
