using Liftoff.Domain.Backlog.Similarity;

namespace Liftoff.Domain.Tests.Backlog;

public class EmbeddingTextTests
{
    [Fact]
    public void Collapse_TabsNewlinesAndRuns_BecomeSingleSpaces()
    {
        Assert.Equal("full error here", EmbeddingText.Collapse("  full\n\terror \r\n  here \n"));
    }

    [Fact]
    public void Compose_TitleWithoutStop_JoinsWithFullStop()
    {
        Assert.Equal("Disk full. Writes fail", EmbeddingText.Compose("Disk full", "Writes\nfail", 64));
    }

    [Fact]
    public void Compose_TitleEndingInPunctuation_JoinsWithSpace()
    {
        Assert.Equal("Why slow? It hangs", EmbeddingText.Compose("Why slow?", "It hangs", 64));
    }

    [Fact]
    public void Compose_NoDescription_IsTheTitle()
    {
        Assert.Equal("Disk full", EmbeddingText.Compose(" Disk  full ", null, 64));
    }

    [Fact]
    public void Truncate_OverBudget_CutsAtWholeWords()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 100));

        var cut = EmbeddingText.Truncate(text, 10);

        Assert.Equal(string.Join(' ', Enumerable.Repeat("word", 10)), cut);
    }

    [Fact]
    public void Truncate_PunctuationCountsAsPieces_KeepsFewerWords()
    {
        // "a.b" is three pieces: a, ".", b.
        Assert.Equal("a.b a.b", EmbeddingText.Truncate("a.b a.b a.b", 7));
    }

    [Fact]
    public void Truncate_WithinBudget_ReturnsTextUnchanged()
    {
        Assert.Equal("short text", EmbeddingText.Truncate("short text", 64));
    }
}
