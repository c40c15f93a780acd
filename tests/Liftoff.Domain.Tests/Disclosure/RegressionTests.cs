using Liftoff.Domain.Disclosure;

namespace Liftoff.Domain.Tests.Disclosure;

/// <summary>Misses, false alarms and crashes found while building the guard, one test each.</summary>
public class RegressionTests
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
}
