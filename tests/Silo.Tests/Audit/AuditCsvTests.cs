using WealthActors.Silo.Audit;

namespace WealthActors.Silo.Tests.Audit;

public sealed class AuditCsvTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+86 138", "'+86 138")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("plain", "plain")]
    [InlineData("周杰", "周杰")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=cmd|' /C calc'!A0,x", "\"'=cmd|' /C calc'!A0,x\"")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Cell_AnyText_IsSafeForSpreadsheets(string? value, string expected) =>
        Assert.Equal(expected, AuditCsv.Cell(value));

    [Fact]
    public void Row_Cells_AreCommaSeparatedAndEndWithCrLf() =>
        Assert.Equal("a,,'=b\r\n", AuditCsv.Row(["a", null, "=b"]));
}
