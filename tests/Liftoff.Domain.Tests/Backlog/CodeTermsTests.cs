using Liftoff.Domain.Backlog.Similarity;

namespace Liftoff.Domain.Tests.Backlog;

public class CodeTermsTests
{
    [Theory]
    [InlineData("FileSystem.getFileStatus returns null")]
    [InlineData("set dfs.replication to 2")]
    [InlineData("MAX_RETRIES is ignored")]
    [InlineData("see HADOOP-1234")]
    [InlineData("fails on x86 only")]
    [InlineData("the NameNode restarts")]
    [InlineData("upgrade to v2")]
    public void Count_WordsWrittenAsCode_AreFound(string text) => Assert.Equal(1, CodeTerms.Count(text));

    [Theory]
    [InlineData("Receipt printer prints faint text")]
    [InlineData("self-checkout keeps asking for help, e.g. at night.")]
    [InlineData("Release 5.4 on the 2nd with 4G and Wi-Fi support")]
    [InlineData("U.S. stores close at 5 p.m. on Sundays")]
    [InlineData("")]
    [InlineData(null)]
    public void Count_PlainWords_AreNotCode(string? text) => Assert.Equal(0, CodeTerms.Count(text));

    [Fact]
    public void Count_StopsAtEnough()
    {
        Assert.Equal(3, CodeTerms.Count("getA getB getC getD", 3));
        Assert.Equal(4, CodeTerms.Count("getA getB getC getD"));
    }
}
