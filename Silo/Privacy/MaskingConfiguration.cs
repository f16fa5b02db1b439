using WealthActors.Privacy;

namespace WealthActors.Silo.Privacy;

/// <summary>
/// Reads the masking rules from configuration section <c>Privacy:Masking</c>, laid over
/// <see cref="MaskingRules.Default"/>: <c>Privacy:Masking:Advisor:Phone=Full</c>. An audience or field or level it does
/// not know stops the start, so a typo never leaves data shown that the bank meant to hide.
/// </summary>
public static class MaskingConfiguration
{
    public static MaskingRules Read(IConfiguration configuration)
    {
        var audiences = Enum.GetNames<EmployeeRole>().Append(MaskingRules.System).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var overrides = new Dictionary<string, IReadOnlyDictionary<PersonalField, MaskLevel>>(StringComparer.OrdinalIgnoreCase);
        foreach (var audience in configuration.GetSection(MaskingRules.Section).GetChildren())
        {
            if (!audiences.Contains(audience.Key))
            {
                throw new InvalidOperationException(
                    $"{MaskingRules.Section}:{audience.Key}: not an audience; use one of {string.Join(", ", audiences)}.");
            }

            var fields = new Dictionary<PersonalField, MaskLevel>();
            foreach (var field in audience.GetChildren())
            {
                if (!Enum.TryParse<PersonalField>(field.Key, ignoreCase: true, out var name) || !Enum.IsDefined(name))
                {
                    throw new InvalidOperationException(
                        $"{field.Path}: not a personal field; use one of {string.Join(", ", Enum.GetNames<PersonalField>())}.");
                }

                if (!Enum.TryParse<MaskLevel>(field.Value, ignoreCase: true, out var level) || !Enum.IsDefined(level))
                {
                    throw new InvalidOperationException(
                        $"{field.Path}: '{field.Value}' is not a mask level; use one of {string.Join(", ", Enum.GetNames<MaskLevel>())}.");
                }

                fields[name] = level;
            }

            overrides[audience.Key] = fields;
        }

        return MaskingRules.Default.With(overrides);
    }
}
