using Liftoff.Domain.Disclosure;

namespace Liftoff.Domain.Tests.Disclosure;

public class ApprovedStatementTests
{
    private const string RoughDate = "Release of this new feature likely will happen within this year.";

    [Fact]
    public void Check_ApprovedRoughDateForAudience_IsClear()
    {
        var result = TestRoadmap.Check(RoughDate, "reseller-nordic",
            [new ApprovedStatement("reseller-nordic", RoughDate)]);

        Assert.True(result.IsClear);
    }

    [Fact]
    public void Check_ApprovedRoughDateForOtherOrganisation_ReportsReleaseDate()
    {
        var result = TestRoadmap.Check(RoughDate, "reseller-alps",
            [new ApprovedStatement("reseller-nordic", RoughDate)]);

        Assert.Contains(result.Findings, f => f.Kind == DisclosureKind.ReleaseDate);
    }

    [Fact]
    public void Check_ApprovedStatementGeneralPublic_ReportsReleaseDate()
    {
        var result = TestRoadmap.Check(RoughDate, null, [new ApprovedStatement("reseller-nordic", RoughDate)]);

        Assert.False(result.IsClear);
    }

    [Fact]
    public void Check_ApprovedStatementInsideLongerText_OnlyItsSpanIsExempt()
    {
        var text = $"Dear partner, {RoughDate} Internally we call it Skyhawk.";

        var result = TestRoadmap.Check(text, "reseller-nordic", [new ApprovedStatement("reseller-nordic", RoughDate)]);

        Assert.Equal(["Skyhawk"], TestRoadmap.Spans(text, result));
    }

    [Fact]
    public void Check_ApprovedTextChangedSlightly_IsChecked()
    {
        var changed = RoughDate.Replace("this year", "March 2027", StringComparison.Ordinal);

        var result = TestRoadmap.Check(changed, "reseller-nordic",
            [new ApprovedStatement("reseller-nordic", RoughDate)]);

        Assert.False(result.IsClear);
    }

    [Fact]
    public void Check_ActiveDevelopmentFormulation_IsClearForAnyone()
    {
        Assert.True(TestRoadmap.Check("This new feature is currently in active development.").IsClear);
    }

    [Fact]
    public void Check_ApprovedStatementThatNamesItem_IsClearForThatAudience()
    {
        const string agreed = "Skyhawk is currently in active development.";

        var result = TestRoadmap.Check(agreed, "customer-7", [new ApprovedStatement("customer-7", agreed)]);

        Assert.True(result.IsClear);
    }
}
