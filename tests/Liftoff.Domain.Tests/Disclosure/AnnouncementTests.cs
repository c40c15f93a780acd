using Liftoff.Domain.Disclosure;

namespace Liftoff.Domain.Tests.Disclosure;

public class AnnouncementTests
{
    private const string Notes =
        "AeroPlan 5.0 is released on 15 February 2027. It brings Halcyon flight planning and the new log sync.";

    private static readonly DateOnly ReleaseDay = new(2027, 2, 15);

    private static DisclosureGuard GuardWithIds()
    {
        var items = TestRoadmap.Items().Select((item, i) => item with
        {
            Id = (i + 1)
            .ToString(System.Globalization.CultureInfo.InvariantCulture)
        });
        return new DisclosureGuard(items);
    }

    [Fact]
    public void Announce_NotesNamingTheReleaseItems_AnnounceThoseItemsVersionAndDate()
    {
        var guard = GuardWithIds();

        // Items 3 (AeroPlan 5.0 / Halcyon) and 2 (Oblique camera payload) belong to the release; log sync (4) does not.
        var announcement = guard.Announce(Notes, ["3", "2"], "5.0", ReleaseDay, TestRoadmap.Today);

        Assert.Equal(["3"], announcement.ItemIds);
        Assert.Equal(["5.0"], announcement.Versions);
        Assert.Equal([new DateSpan(ReleaseDay, ReleaseDay)], announcement.Dates);
    }

    [Fact]
    public void Check_WithAnnouncement_LetsTheAnnouncedItemVersionAndDatePassButNotOtherItems()
    {
        var guard = GuardWithIds();
        var announcement = guard.Announce(Notes, ["3", "2"], "5.0", ReleaseDay, TestRoadmap.Today);
        const string text = "Halcyon arrives with AeroPlan 5.0 on 15 February 2027. Skyhawk follows.";

        var before = guard.Check(text, null, null, TestRoadmap.Today);
        var after = guard.Check(text, null, null, TestRoadmap.Today, [announcement]);

        Assert.Contains("Halcyon", TestRoadmap.Spans(text, before));
        Assert.Equal(["Skyhawk"], TestRoadmap.Spans(text, after));
    }

    [Fact]
    public void Check_WithAnnouncement_AnItemOfTheReleaseTheNotesDoNotNameStillTriggers()
    {
        var guard = GuardWithIds();
        var announcement = guard.Announce(Notes, ["3", "2"], "5.0", ReleaseDay, TestRoadmap.Today);
        const string text = "AeroPlan 5.0 also brings the oblique camera payload.";

        var result = guard.Check(text, null, null, TestRoadmap.Today, [announcement]);

        Assert.Equal(["oblique camera payload"], TestRoadmap.Spans(text, result));
    }

    [Fact]
    public void Check_WithAnnouncement_ADifferentDateForTheItemStillTriggers()
    {
        var guard = GuardWithIds();
        var announcement = guard.Announce(Notes, ["3"], "5.0", ReleaseDay, TestRoadmap.Today);
        const string text = "Halcyon might already ship in January 2027.";

        var result = guard.Check(text, null, null, TestRoadmap.Today, [announcement]);

        Assert.Equal(["January 2027"], TestRoadmap.Spans(text, result));
    }

    [Fact]
    public void Announce_NotesWithoutTheVersionOrDate_AnnounceOnlyTheNamedItem()
    {
        var guard = GuardWithIds();

        var announcement = guard.Announce("Halcyon flight planning is coming.", ["3"], "5.0", ReleaseDay,
            TestRoadmap.Today);

        Assert.Equal(["3"], announcement.ItemIds);
        Assert.Empty(announcement.Versions);
        Assert.Empty(announcement.Dates);
    }

    [Fact]
    public void Check_LibraryPhrasingForEveryone_CoversOnlyItsOwnWords()
    {
        const string phrasing = "Release of this new feature likely will happen within this year.";
        const string text = "Skyhawk: " + phrasing;
        ApprovedStatement[] library = [new(null, phrasing)];

        var bare = TestRoadmap.Check(phrasing, null, library);
        var named = TestRoadmap.Check(text, "reseller-nordic", library);

        Assert.True(bare.IsClear);
        Assert.Equal(["Skyhawk"], TestRoadmap.Spans(text, named));
    }
}
