using WealthActors.Silo.Hosting;

namespace WealthActors.Silo.Tests.Hosting;

public sealed class SiloCommandLineTests
{
    [Theory]
    [InlineData("--demo --urls http://127.0.0.1:18080")]
    [InlineData("--urls http://127.0.0.1:18080 --demo")]
    [InlineData("--urls=http://127.0.0.1:18080 --demo")]
    public void Parse_DemoAnywhere_LeavesTheHostItsOptions(string line)
    {
        var parsed = SiloCommandLine.Parse(line.Split(' '));

        Assert.True(parsed.Demo);
        Assert.Null(parsed.Verb);
        Assert.Equal("http://127.0.0.1:18080", string.Join(' ', parsed.HostArguments).Replace("--urls=", "--urls ", StringComparison.Ordinal).Split(' ')[1]);
        Assert.DoesNotContain("--demo", parsed.HostArguments);
    }

    [Theory]
    [InlineData("migrate --Storage:Provider PostgreSql", "migrate")]
    [InlineData("--Storage:Provider PostgreSql migrate", "migrate")]
    [InlineData("--demo migrate", "migrate")]
    public void Parse_Verb_IsFoundWhereverItStands(string line, string verb)
    {
        var parsed = SiloCommandLine.Parse(line.Split(' '));

        Assert.Equal(verb, parsed.Verb);
        Assert.DoesNotContain(verb, parsed.HostArguments);
    }

    [Fact]
    public void Parse_OptionValueThatLooksLikeAVerb_StaysTheOptionsValue()
    {
        var parsed = SiloCommandLine.Parse(["--Storage:Sqlite:Path", "migrate", "--demo"]);

        Assert.Null(parsed.Verb);
        Assert.Equal(["--Storage:Sqlite:Path", "migrate"], parsed.HostArguments);
    }

    [Fact]
    public void Parse_VerbArguments_FollowTheVerb()
    {
        var parsed = SiloCommandLine.Parse(["--urls", "http://127.0.0.1:1", "migrate", "now"]);

        Assert.Equal("migrate", parsed.Verb);
        Assert.Equal(["now"], parsed.VerbArguments);
        Assert.Equal(["--urls", "http://127.0.0.1:1"], parsed.HostArguments);
    }
}
