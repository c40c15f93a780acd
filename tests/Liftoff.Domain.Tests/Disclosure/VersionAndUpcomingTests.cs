using Liftoff.Domain.Disclosure;

namespace Liftoff.Domain.Tests.Disclosure;

public class VersionAndUpcomingTests
{
    [Theory]
    [InlineData("Please test v5.0 on your tablets.", "v5.0")]
    [InlineData("You will need version 5.0.2 for the export.", "5.0.2")]
    [InlineData("AeroPlan 5.1 adds export formats.", "5.1")]
    [InlineData("Build 5.2.0 fixes the warning.", "5.2.0")]
    public void Check_UnreleasedVersion_ReportsUnreleasedVersion(string text, string version)
    {
        var finding = Assert.Single(TestRoadmap.Check(text).Findings, f => f.Kind == DisclosureKind.UnreleasedVersion);

        Assert.Equal(version, text.Substring(finding.Start, finding.Length));
        Assert.Equal("AeroPlan 5.0", finding.Item?.Title);
    }

    [Theory]
    [InlineData("Please update to AeroPlan 4.8.2 now.")]
    [InlineData("Version 4.8 is the current release.")]
    [InlineData("v4.7 users should update.")]
    [InlineData("The X1 climbs at 5.0 m/s.")]
    [InlineData("Accuracy of 5.1 cm without ground control.")]
    [InlineData("Version 6.0 of the flight controller is ancient history.")]
    public void Check_ReleasedOrNonVersionNumber_IsClear(string text)
    {
        Assert.True(TestRoadmap.Check(text).IsClear);
    }

    [Fact]
    public void Check_TitleContainingVersion_ReportsOneMentionNotAlsoVersion()
    {
        var finding = Assert.Single(TestRoadmap.Check("AeroPlan 5.0 brings a new editor.").Findings);

        Assert.Equal(DisclosureKind.ItemMention, finding.Kind);
    }

    [Theory]
    [InlineData("The next release adds terrain following.")]
    [InlineData("Our upcoming firmware update will include obstacle alerts.")]
    [InlineData("Our next-generation drone is lighter.")]
    [InlineData("The next AeroPlan version plans missions for several drones.")]
    public void Check_TalkAboutUpcomingRelease_ReportsUpcomingRelease(string text)
    {
        Assert.Contains(TestRoadmap.Check(text).Findings, f => f.Kind == DisclosureKind.UpcomingRelease);
    }

    [Theory]
    [InlineData("Update before your next mission.")]
    [InlineData("More stories in our next newsletter.")]
    [InlineData("Next week we publish a new article.")]
    public void Check_NextWithoutProduct_IsClear(string text)
    {
        Assert.True(TestRoadmap.Check(text).IsClear);
    }
}
