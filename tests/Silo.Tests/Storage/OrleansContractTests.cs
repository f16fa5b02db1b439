using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using Orleans.Configuration;
using WealthActors.Silo.Storage;
using WealthActors.Silo.Storage.Postgres;
using WealthActors.Silo.Tests.Infrastructure;

namespace WealthActors.Silo.Tests.Storage;

/// <summary>
/// The product runs its own query texts under Orleans' <c>OrleansQuery</c> keys and binds Orleans' parameter names in
/// the batched writes. These tests read the names out of the Orleans assemblies the build pins (the reminder and
/// membership providers declare theirs as members of <c>DbStoredQueries</c> and its <c>Columns</c>; the storage
/// provider as string literals), so an Orleans upgrade that renames one fails here rather than in production.
/// </summary>
public sealed partial class OrleansContractTests
{
    private static readonly Assembly Persistence = typeof(AdoNetGrainStorageOptions).Assembly;
    private static readonly Assembly Reminders = typeof(AdoNetReminderTableOptions).Assembly;
    private static readonly Assembly Clustering = typeof(AdoNetClusteringSiloOptions).Assembly;

    [Fact]
    public void BatchedWrites_BindOnlyNamesThePinnedOrleansProvidersUse()
    {
        var names = typeof(OrleansContract).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(17, names.Count);
        Assert.Empty(Unknown(names, PinnedNames(Persistence).Union(PinnedNames(Reminders)).ToHashSet(StringComparer.Ordinal)));
        Assert.Empty(Unknown([OrleansContract.UpsertReminderRowKey, OrleansContract.DeleteReminderRowKey], Members(Reminders, "DbStoredQueries")));
        Assert.Empty(Unknown([OrleansContract.ReadFromStorageKey, OrleansContract.WriteToStorageKey], PinnedNames(Persistence)));
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    public void StoredQueryTexts_UseOnlyKeysAndParametersThePinnedOrleansProvidersBind(string dialect)
    {
        var texts = StoredTexts(dialect);
        Assert.NotEmpty(texts);
        foreach (var (key, text) in texts)
        {
            var (provider, parameters) = OwnerOf(key);
            Assert.True(provider is not null, $"{dialect}: no pinned Orleans provider runs query key '{key}'");
            var unknown = Unknown(Parameters(text), parameters!);
            Assert.True(unknown.Count == 0, $"{dialect} {key}: parameters the pinned Orleans does not bind: {string.Join(", ", unknown)}");
        }
    }

    [Fact]
    public void Check_FedARenamedParameterOrKey_ReportsIt()
    {
        var (_, parameters) = OwnerOf("UpsertReminderRowKey");
        var renamed = "INSERT INTO orleans_reminders VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @PeriodMs, @GrainHash)";

        Assert.Equal(["PeriodMs"], Unknown(Parameters(renamed), parameters!));
        Assert.Equal(["GrainIdExtension"], Unknown(["ServiceId", "GrainIdExtension"], PinnedNames(Persistence)));
        Assert.Null(OwnerOf("UpsertReminderRowsKey").Provider);
    }

    /// <summary>The provider that runs <paramref name="key"/>, and the parameter names it binds.</summary>
    private static (Assembly? Provider, IReadOnlySet<string>? Parameters) OwnerOf(string key)
    {
        // The product's own variant of the state write, run by the batcher alone with the write's parameters.
        if (key == PostgresBatchedGrainStorage.WriteOrFailQueryKey)
        {
            key = OrleansContract.WriteToStorageKey;
        }

        foreach (var provider in new[] { Reminders, Clustering })
        {
            if (Members(provider, "DbStoredQueries").Contains(key))
            {
                return (provider, Members(provider, "DbStoredQueries+Columns"));
            }
        }

        // The storage provider names its keys and parameters in its code, not as members.
        var persistence = PinnedNames(Persistence);
        return key.EndsWith("StorageKey", StringComparison.Ordinal) && persistence.Contains(key) ? (Persistence, persistence) : (null, null);
    }

    private static List<string> Unknown(IEnumerable<string> names, IReadOnlySet<string> pinned) =>
        names.Where(name => !pinned.Contains(name)).Distinct(StringComparer.Ordinal).ToList();

    private static IEnumerable<string> Parameters(string text) => ParameterPattern().Matches(text).Select(m => m.Groups[1].Value);

    /// <summary>The property names of <paramref name="typeName"/> (under the provider's <c>Storage</c> namespace).</summary>
    private static HashSet<string> Members(Assembly provider, string typeName)
    {
        var type = provider.GetTypes().SingleOrDefault(t => t.FullName!.EndsWith(".Storage." + typeName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{provider.GetName().Name} has no {typeName}: its layout changed, and this test must follow it.");
        return type.GetProperties(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every string literal in the assembly's code: the names a provider binds inline.</summary>
    private static HashSet<string> PinnedNames(Assembly provider)
    {
        using var pe = new PEReader(File.OpenRead(provider.Location));
        var metadata = pe.GetMetadataReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = metadata.GetNextHandle(handle))
        {
            names.Add(metadata.GetUserString(handle));
        }

        return names;
    }

    /// <summary>The (key, text) pairs the schema scripts of <paramref name="dialect"/> store in <c>OrleansQuery</c>.</summary>
    private static List<(string Key, string Text)> StoredTexts(string dialect) =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "Silo", "Storage", "Sql", dialect), "*.sql")
            .SelectMany(file => StoredTextPattern().Matches(File.ReadAllText(file)))
            .Select(m => (m.Groups["key"].Value, m.Groups["dollar"].Success ? m.Groups["dollar"].Value : m.Groups["quoted"].Value))
            .ToList();

    [GeneratedRegex(@"(?<![@\w])@(\w+)")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex(@"INTO OrleansQuery \(QueryKey, QueryText\) VALUES \('(?<key>\w+)',\s*(?:\$sql\$(?<dollar>.*?)\$sql\$|'(?<quoted>(?:[^']|'')*)')", RegexOptions.Singleline)]
    private static partial Regex StoredTextPattern();
}
