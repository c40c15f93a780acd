using Liftoff.Domain.Backlog.Similarity;

namespace Liftoff.Domain.Tests.Backlog;

public class WordPieceEstimateTests
{
    [Theory]
    [InlineData("disk", 10)]
    [InlineData("a,", 20)]
    [InlineData("123", 10)]
    [InlineData("NullPointerException", 53)]
    public void TenthsForWord_KnownShapes_MatchTheFittedEstimate(string word, int tenths)
    {
        Assert.Equal(tenths, WordPieceEstimate.TenthsForWord(word));
    }

    [Fact]
    public void TenthsForWord_LongerWord_NeverEstimatesFewerPieces()
    {
        var previous = 0;
        for (var length = 1; length <= 40; length++)
        {
            var tenths = WordPieceEstimate.TenthsForWord(new string('x', length));
            Assert.True(tenths >= previous, $"length {length}");
            previous = tenths;
        }
    }
}
