using System.Text;
using WealthActors.Grains.Audit;

namespace WealthActors.Grains.Tests.Audit;

public sealed class AuditHashAlgorithmsTests
{
    [Theory]
    // FIPS 180-2, appendix B.1.
    [InlineData("SHA256", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    // GB/T 32905-2016, appendix A: example 1 ("abc") and example 2 ("abcd" sixteen times).
    [InlineData("SM3", "abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")]
    [InlineData("SM3", "abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd", "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")]
    public void Hash_StandardTestVectors_MatchTheStandards(string algorithm, string message, string expected) =>
        Assert.Equal(expected, AuditHashAlgorithms.Hash(algorithm, Encoding.ASCII.GetBytes(message)));

    [Theory]
    [InlineData("sha256", "SHA256")]
    [InlineData(" SM3 ", "SM3")]
    [InlineData("sm3", "SM3")]
    [InlineData("SHA-1", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Canonical_AnyLetterCase_GivesTheStoredName(string? name, string? expected) =>
        Assert.Equal(expected, AuditHashAlgorithms.Canonical(name));

    [Fact]
    public void Hash_UnknownAlgorithm_Throws()
    {
        Assert.False(AuditHashAlgorithms.IsKnown("MD5"));
        Assert.Throws<ArgumentException>(() => AuditHashAlgorithms.Hash("MD5", [1, 2, 3]));
    }
}
