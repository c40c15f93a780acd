using System.Diagnostics;
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

    [Fact]
    public void Check_PreOrdersOpenOnFutureDate_ReportsReleaseDate()
    {
        // Missed at first: "orders" marked the sentence as commerce, which vetoed the release date.
        var result = TestRoadmap.Check("Pre-orders for the new oblique camera open on 1 March 2027.");

        Assert.Contains(result.Findings, f => f.Kind == DisclosureKind.ReleaseDate);
    }

    [Fact]
    public void Check_TeaserThatLandsInQuarter_ReportsReleaseDate()
    {
        // Missed at first: "lands" was not known as release talk.
        var result = TestRoadmap.Check("Teaser: something big for LiDAR users lands in Q1.");

        Assert.Contains(result.Findings, f => f.Kind == DisclosureKind.ReleaseDate);
    }

    [Fact]
    public void Check_RoadmapForFutureYear_ReportsReleaseDate()
    {
        var result = TestRoadmap.Check("Our roadmap for 2027 includes a five lens camera and fleet operations.");

        Assert.Contains(result.Findings, f => f.Kind == DisclosureKind.ReleaseDate);
    }

    [Fact]
    public void Check_PayloadUnveiledAtTradeShowNextYear_ReportsReleaseDate()
    {
        var result = TestRoadmap.Check("Save the date: our new LiDAR payload will be unveiled at INTERGEO 2027.");

        Assert.Contains(result.Findings, f => f.Kind == DisclosureKind.ReleaseDate);
    }

    [Fact]
    public void Check_DigitStandingInForLetterOfCodename_ReportsItemMention()
    {
        var text = "Project N1ghtjar update attached.";

        Assert.Equal(["N1ghtjar"], TestRoadmap.Spans(text, TestRoadmap.Check(text)));
    }

    [Fact]
    public void Check_ModelNumberOfTitleInCapitals_ReportsItemMention()
    {
        // Missed at first: people write "X2" for "AeroMap X2", which only the full title matched.
        var text = "Hint for the sales team: mention that X2 deliveries start mid-2027.";

        var result = TestRoadmap.Check(text);

        var mention = Assert.Single(result.Findings, f => f.Kind == DisclosureKind.ItemMention);
        Assert.Equal("X2", text.Substring(mention.Start, mention.Length));
        Assert.Contains("model number", mention.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Playback at x2 speed is now possible in the flight log viewer.")]
    [InlineData("The grid is 3X2 cells.")]
    [InlineData("Use the X20 charger.")]
    public void Check_ModelNumberInLowerCaseOrInsideWord_IsClear(string text)
    {
        Assert.True(TestRoadmap.Check(text).IsClear);
    }

    [Fact]
    public void Check_DigitYearInTitleIsNotProductFamily_PortalGoingLiveIsClear()
    {
        // False alarm at first: "Live 3D mesh preview" made "live" a product family word, as if
        // "3D" were a version, so any "goes live" sentence with a date read as a product release.
        var guard = new DisclosureGuard([new RoadmapItem("Live 3D mesh preview", "Quasar")]);

        var result = guard.Check("Our new reseller portal goes live on 7 December 2026.", null, null, TestRoadmap.Today);

        Assert.True(result.IsClear);
    }

    [Fact]
    public void Check_ReleasedFirmwareShipsFromFutureDate_IsClear()
    {
        // False alarm at first: a shipped version going onto new units is not roadmap news.
        var guard = new DisclosureGuard([new RoadmapItem("Firmware 3.4", Versions: ["3.4"])]);

        var result = guard.Check("Firmware 3.3.2 ships with all new X1 units from 1 December 2026.", null, null, TestRoadmap.Today);

        Assert.True(result.IsClear);
    }

    [Fact]
    public void Check_PublicVersionAvailableUntilYearEnd_IsClear()
    {
        var result = TestRoadmap.Check("The AeroPlan 4.8 update is available for download until the end of 2026 for legacy tablets.");

        Assert.True(result.IsClear);
    }

    [Fact]
    public void Check_UnknownVersionReleasedNextYear_ReportsReleaseDate()
    {
        // The released-version rule must not hide versions the roadmap does not know yet.
        var result = TestRoadmap.Check("AeroPlan 4.9 will be released in January 2027.");

        Assert.Contains(result.Findings, f => f.Kind == DisclosureKind.ReleaseDate);
    }

    [Fact]
    public void Check_CompanyNamedLikeCodename_IsClear()
    {
        // False alarm at first: a reseller called "Merlin Engineering GmbH" is not the codename.
        Assert.True(TestRoadmap.Check("Merlin Engineering GmbH is our new reseller in Bavaria.").IsClear);
    }

    [Theory]
    [InlineData("Bluefin tuna was on the menu at our reseller dinner.")]
    [InlineData("We use Bluefin Bird ID to spot birds before flights.")]
    public void Check_CodenameUsedAsOrdinaryWordOrOtherProduct_IsStillReported(string text)
    {
        // Known false alarm, kept on purpose: nothing in the text tells the fish or the bird app
        // from the codename, and a missed leak costs more than a second look. Pick codenames that
        // are not everyday words or other companies' product names.
        var guard = new DisclosureGuard([new RoadmapItem("LiDAR payload LX300", "Bluefin")]);

        var result = guard.Check(text, null, null, TestRoadmap.Today);

        Assert.False(result.IsClear);
    }

    [Fact]
    public void Check_FeatureParaphrasedWithoutNameOrProductWord_IsMissed()
    {
        // Known miss: the alias is "terrain-following corridor missions"; reworded, with no
        // product noun near "on their way in February", nothing ties the date to a release.
        var guard = new DisclosureGuard([new RoadmapItem("Corridor mode", "Orinoco", ["terrain-following corridor missions"], "2027-02")]);

        var result = guard.Check(
            "Good news for your pipeline customers: corridor missions with terrain following are on their way in February.",
            null, null, TestRoadmap.Today);

        Assert.True(result.IsClear);
    }

    [Fact]
    public void Check_DateInNeighbouringSentenceWithoutReleaseTalk_OnlyMentionReported()
    {
        // Noise found in the corpus run: "December" in "newsletter for December" was reported as
        // the release date of an item named in the next sentence.
        var text = "Welcome to the newsletter for December. Skyhawk is flying well.";

        var result = TestRoadmap.Check(text);

        Assert.Equal(["Skyhawk"], TestRoadmap.Spans(text, result));
    }

    [Fact]
    public void Check_RoadmapImageAltTextWithFutureYear_ReportsReleaseDate()
    {
        // Missed at first: "Roadmap 2027" names no product, but the roadmap itself is what must not go out.
        var text = "<img src=\"roadmap-2027.png\" alt=\"Roadmap 2027\">";

        var findings = TestRoadmap.Check(text).Findings;

        // Both the file name and the alt text give it away.
        Assert.Equal(2, findings.Count(f => f.Kind == DisclosureKind.ReleaseDate));
        Assert.All(findings, f => Assert.True(f.InHiddenContent));
    }

    [Theory]
    [InlineData("Our next big thing ships in spring.")]
    [InlineData("Thanks to your feedback, multi drone support is planned.")]
    public void Check_TeaserWithoutNameProductWordOrDate_IsMissed(string text)
    {
        // Known misses: without a roadmap name, a product word next to the release talk, or a date,
        // the guard cannot tell a teaser from everyday talk ("the next newsletter arrives in January").
        Assert.True(TestRoadmap.Check(text).IsClear);
    }

    [Fact]
    public void Check_NextUpdateWithoutContent_IsStillReported()
    {
        // Known false alarm: "next update" is reported even when nothing is said about it.
        var result = TestRoadmap.Check("Release notes: AeroPlan 4.8.1 fixes the upload bug. Next update: we will keep you posted.");

        Assert.Contains(result.Findings, f => f.Kind == DisclosureKind.UpcomingRelease);
    }

    [Fact]
    public void Check_OneMegabyteFullOfLeaksAndComments_StaysLinear()
    {
        // Found by a stress run: with tens of thousands of findings and comments, the hidden-range,
        // overlap and nearest-mention lookups were quadratic and one check took minutes.
        var text = string.Concat(Enumerable.Repeat("Skyhawk ships 2027-03-01. <!-- x --> Marlin Skyhwak <b>v</b> ", 17_000));
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

    [Theory]
    [InlineData("The LiDAR payload LX200 now ships in a new case from January.")]
    [InlineData("The X1 airframe will be available in red from March 2027.")]
    public void Check_PublicItemWithProductWordsInItsName_DateIsClear(string text)
    {
        // False alarm found by review: "payload" and "airframe" inside a public item's own name
        // made a restock or a colour option read like the release of an unreleased product.
        var items = TestRoadmap.Items();
        items.Add(new RoadmapItem("AeroMap X1", "Osprey", ["X1 airframe"], "2024-05", IsPublic: true));

        var result = new DisclosureGuard(items).Check(text, null, null, TestRoadmap.Today);

        Assert.True(result.IsClear);
    }

    [Fact]
    public void Check_NextQuarterFollowedByReleaseVerb_ReportsDateNotUpcomingRelease()
    {
        // Found by review: "Next quarter we release" was read as "the next release".
        var result = TestRoadmap.Check("Next quarter we release a new drone.");

        var finding = Assert.Single(result.Findings);
        Assert.Equal(DisclosureKind.ReleaseDate, finding.Kind);
    }
}
