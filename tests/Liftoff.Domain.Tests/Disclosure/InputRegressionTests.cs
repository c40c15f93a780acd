using System.Diagnostics;
using Liftoff.Domain.Disclosure;

namespace Liftoff.Domain.Tests.Disclosure;

/// <summary>Crashes and slow paths on unusual input found while building the guard.</summary>
public class InputRegressionTests
{
    [Fact]
    public void Check_DigitsOfAnotherScript_DoesNotThrow()
    {
        // Found by the random-input test: a Lepcha digit counts as a digit but int.Parse rejects it.
        var result = TestRoadmap.Check("\u1C46\u1C40 \u1C41.\u1C42.\u1C43\u1C44\u1C45\u1C46");

        Assert.NotEqual(DisclosureStatus.Refused, result.Status);
    }

    [Fact]
    public void Check_ArabicIndicYearInReleaseTalk_ReportsReleaseDate()
    {
        var result = TestRoadmap.Check("Our new drone launches in \u0662\u0660\u0662\u0667.");

        Assert.Contains(result.Findings, f => f.Kind == DisclosureKind.ReleaseDate);
    }

    [Fact]
    public void Check_OneMegabyteFullOfLeaksAndComments_StaysLinear()
    {
        // Found by a stress run: with tens of thousands of findings and comments, the hidden-range,
        // overlap and nearest-mention lookups were quadratic and one check took minutes.
        var text = string.Concat(Enumerable.Repeat("Skyhawk ships 2027-03-01. <!-- x --> Marlin Skyhwak <b>v</b> ",
            17_000));
        var guard = TestRoadmap.Guard(new DisclosureOptions { MaxTextLength = 2_000_000 });
        var watch = Stopwatch.StartNew();

        var result = guard.Check(text, null, null, TestRoadmap.Today);

        Assert.True(text.Length > 1_000_000);
        Assert.Equal(51_000, result.Findings.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("released in March and ", "")]
    [InlineData("![a ", "]")]
    public void Check_OneMegabyteOfOpenersOrOneEndlessSentence_StaysLinear(string unit, string tail)
    {
        // Found by review: the tense of a sentence was rescanned for every date in it, and every
        // Markdown image opener searched to the same far-away closer.
        var text = string.Concat(Enumerable.Repeat(unit, 1_000_000 / unit.Length)) + tail;
        var guard = TestRoadmap.Guard(new DisclosureOptions { MaxTextLength = 2_000_000 });
        var watch = Stopwatch.StartNew();

        var result = guard.Check(text, null, null, TestRoadmap.Today);

        Assert.True(result.IsClear);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }
}
