namespace WealthActors.Silo.Tests.Repository;

public sealed class StandsAloneTests
{
    [Fact]
    public void Repository_ReferencesNothingOutsideItself()
    {
        var findings = OutsideReferences.InRepository(RepositoryFiles.Root);

        Assert.True(findings.Count == 0, "References outside the repository:\n" + string.Join('\n', findings));
    }

    [Theory]
    [InlineData("tests/Bot.Tests/Bot.Tests.csproj", @"<Compile Include=""..\..\..\shared\Fake.cs"" />")]
    [InlineData("tests/Bot.Tests/Specs.cs", @"var path = Path.Combine(root, "".."", ""shared"", ""specs"", name);")]
    [InlineData("test.sh", "cat ../outside/specs/wecom-official-vectors.json")]
    [InlineData("docs/README.md", "see [the design](../../DESIGN.md)")]
    public void Finder_PathLeavingTheRepository_IsReported(string file, string line)
    {
        var findings = OutsideReferences.In(RepositoryFiles.Root, file, $"first line\n{line}\n").ToList();

        Assert.Contains(findings, f => f.StartsWith($"{file}:2:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("tests/Bot.Tests/Bot.Tests.csproj", @"<Compile Include=""..\Shared\RepositoryFiles.cs"" />")]
    [InlineData(".ci/run", @"cd ""$(dirname ""$0"")/..""")]
    [InlineData("docs/ARCHITECTURE.md", "see [the README](../README.md)")]
    public void Finder_PathInsideTheRepository_IsNotReported(string file, string line) =>
        Assert.Empty(OutsideReferences.In(RepositoryFiles.Root, file, line));
}
