using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace WealthActors.Silo.Storage;

/// <summary>One embedded schema script, <c>Storage/Sql/{dialect}/NNN-name.sql</c>.</summary>
/// <param name="IsRepeatable">
/// Declared by a first line starting with <c>-- repeatable</c>: applied again whenever its text changes. Only for
/// scripts that are safe to re-run (query texts written with insert-or-replace).
/// </param>
public sealed record SchemaScript(int Version, string Name, string Text, string Checksum, bool IsRepeatable)
{
    private const string ResourceRoot = "WealthActors.Silo.Storage.Sql.";
    private const string RepeatableMarker = "-- repeatable";

    /// <summary>The scripts of a dialect, in version order.</summary>
    public static IReadOnlyList<SchemaScript> Load(string dialect)
    {
        var assembly = typeof(SchemaScript).Assembly;
        var prefix = ResourceRoot + dialect + ".";
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => FromResource(assembly, name, name[prefix.Length..^".sql".Length]))
            .OrderBy(script => script.Version)
            .ToList();

        if (scripts.Count == 0)
        {
            throw new InvalidOperationException($"No schema scripts are embedded for the '{dialect}' dialect.");
        }

        var duplicate = scripts.GroupBy(script => script.Version).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Schema scripts of '{dialect}' share version {duplicate.Key}: {string.Join(", ", duplicate.Select(s => s.Name))}.");
        }

        return scripts;
    }

    private static SchemaScript FromResource(Assembly assembly, string resourceName, string fileName)
    {
        var match = Regex.Match(fileName, @"^(?<version>\d+)-[\w.-]+$");
        if (!match.Success)
        {
            throw new InvalidOperationException($"Schema script '{fileName}.sql' is not named NNN-name.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{resourceName}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);

        // Line endings depend on the checkout; the checksum must not.
        var text = reader.ReadToEnd().ReplaceLineEndings("\n");
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var repeatable = text.StartsWith(RepeatableMarker, StringComparison.Ordinal);
        return new SchemaScript(int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture), fileName, text, checksum, repeatable);
    }
}
