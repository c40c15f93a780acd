using Liftoff.Domain.Disclosure;

namespace Liftoff.Domain.Tests.Disclosure;

public class ReleaseDateTests
{
    [Theory]
    [InlineData("Skyhawk launches in Q2 2027.", "Q2 2027")]
    [InlineData("Skyhawk: 2027-04-15.", "2027-04-15")]
    [InlineData("Skyhawk is planned for March 2027.", "March 2027")]
    [InlineData("Skyhawk arrives in 2027.", "2027")]
    [InlineData("Skyhawk is done. It ships next spring.", "next spring")]
    public void Check_FutureDateNearMention_ReportsReleaseDateForThatItem(string text, string date)
    {
        var result = TestRoadmap.Check(text);

        var finding = Assert.Single(result.Findings, f => f.Kind == DisclosureKind.ReleaseDate);
        Assert.Equal(date, text.Substring(finding.Start, finding.Length));
        Assert.Equal("AeroMap X2", finding.Item?.Title);
    }

    [Theory]
    [InlineData("The new camera will be available in March 2027.")]
    [InlineData("Our new drone launches in 2027-Q2.")]
    [InlineData("The next app version ships on 15.02.2027.")]
    [InlineData("The new feature will be released next year.")]
    [InlineData("Release of the new editor is planned for early 2027.")]
    [InlineData("The upgrade is coming in the first half of 2027.")]
    public void Check_FutureDateInReleaseTalk_ReportsReleaseDate(string text)
    {
        Assert.Contains(TestRoadmap.Check(text).Findings, f => f.Kind == DisclosureKind.ReleaseDate);
    }

    [Theory]
    [InlineData("AeroPlan 4.8 was released on 12 June 2026.")]
    [InlineData("The X1 launched in May 2024.")]
    [InlineData("Since Q3 2025 the LX200 ships with a new case.")]
    [InlineData("The new basemaps were released in June.")]
    public void Check_PastDateInReleaseTalk_IsClear(string text)
    {
        Assert.True(TestRoadmap.Check(text).IsClear);
    }

    [Theory]
    [InlineData("Join our webinar on 10 December 2026.")]
    [InlineData("Support hours: Monday to Friday, 08:00 to 17:00 CET.")]
    [InlineData("Our office is closed from 24 December 2026 to 2 January 2027.")]
    [InlineData("Registration for the training is available until 14 January 2027.")]
    [InlineData("Orders placed before 15 December ship before Christmas.")]
    [InlineData("Spare batteries will be available again from 10 December 2026.")]
    public void Check_FutureDateNotAboutRelease_IsClear(string text)
    {
        Assert.True(TestRoadmap.Check(text).IsClear);
    }

    [Fact]
    public void Check_ReleaseTalkDateMatchingOneTarget_NamesThatItem()
    {
        var finding = Assert.Single(TestRoadmap.Check("The new camera will be available in March 2027.").Findings);

        Assert.Equal("Oblique camera payload", finding.Item?.Title);
        Assert.Contains("target", finding.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ReleaseTalkWithBareYear_NamesNoItem()
    {
        var finding = Assert.Single(TestRoadmap.Check("Our new drone arrives in 2027.").Findings);

        Assert.Null(finding.Item);
    }

    [Theory]
    [InlineData("2027-02-15", "2027-02-15", "2027-02-15")]
    [InlineData("2027-03", "2027-03-01", "2027-03-31")]
    [InlineData("2027-Q2", "2027-04-01", "2027-06-30")]
    [InlineData("2027-q4", "2027-10-01", "2027-12-31")]
    [InlineData("2027-H2", "2027-07-01", "2027-12-31")]
    [InlineData("2027", "2027-01-01", "2027-12-31")]
    public void TryParseTarget_ValidTarget_ReturnsPeriod(string target, string first, string last)
    {
        Assert.True(CalendarPeriod.TryParseTarget(target, out var period));
        Assert.Equal(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), period.First);
        Assert.Equal(DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture), period.Last);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("2027-Q5")]
    [InlineData("2027-13")]
    [InlineData("12027")]
    public void TryParseTarget_InvalidTarget_ReturnsFalse(string target)
    {
        Assert.False(CalendarPeriod.TryParseTarget(target, out _));
    }
}
