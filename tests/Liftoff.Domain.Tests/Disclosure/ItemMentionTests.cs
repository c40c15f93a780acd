using Liftoff.Domain.Disclosure;

namespace Liftoff.Domain.Tests.Disclosure;

public class ItemMentionTests
{
    [Theory]
    [InlineData("The AeroMap X2 is looking great.", "AeroMap X2")]
    [InlineData("Skyhawk flights went well.", "Skyhawk")]
    [InlineData("Samples from the five-lens payload are in.", "five-lens payload")]
    public void Check_TitleCodenameOrAlias_ReportsItemMention(string text, string expected)
    {
        var result = TestRoadmap.Check(text);

        var finding = Assert.Single(result.Findings, f => f.Kind == DisclosureKind.ItemMention);
        Assert.Equal(expected, text.Substring(finding.Start, finding.Length));
        Assert.Equal(DisclosureStatus.Leaks, result.Status);
    }

    [Theory]
    [InlineData("SKYHAWK")]
    [InlineData("skyhawk")]
    [InlineData("sKyHaWk")]
    public void Check_CodenameInAnyCase_ReportsItemMention(string word)
    {
        var result = TestRoadmap.Check($"News about {word} today.");

        Assert.Contains(result.Findings, f => f.Kind == DisclosureKind.ItemMention && f.Item?.Title == "AeroMap X2");
    }

    [Theory]
    [InlineData("Sky-Hawk")]
    [InlineData("Sky hawk")]
    [InlineData("Sky_hawk")]
    [InlineData("Skyhawks")]
    [InlineData("Aero Map X2")]
    [InlineData("AeroMap-X2")]
    [InlineData("aeromapx2")]
    [InlineData("five lens payloads")]
    public void Check_HyphenSpaceOrPluralVariant_ReportsItemMention(string variant)
    {
        var result = TestRoadmap.Check($"We tested the {variant} yesterday.");

        var finding = Assert.Single(result.Findings);
        Assert.Equal(DisclosureKind.ItemMention, finding.Kind);
    }

    [Theory]
    [InlineData("Skyhwak")]
    [InlineData("Skyhaw")]
    [InlineData("Skyyhawk")]
    [InlineData("Skyhauk")]
    [InlineData("Halycon")]
    public void Check_CodenameWithOneTypo_ReportsItemMention(string typo)
    {
        var text = $"The {typo} team says hello.";
        var result = TestRoadmap.Check(text);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(typo, text.Substring(finding.Start, finding.Length));
        Assert.Contains("written", finding.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Skyhwka")]
    [InlineData("Kkyhawk")]
    [InlineData("kyhawk")]
    public void Check_TwoTyposOrWrongFirstLetter_IsClear(string word)
    {
        Assert.True(TestRoadmap.Check($"The {word} team says hello.").IsClear);
    }

    [Fact]
    public void Check_TypoInShortName_IsClear()
    {
        // "log sync" has only short words, so "log sink" must not count as a typo of it.
        Assert.True(TestRoadmap.Check("We log sink temperatures in the lab.").IsClear);
    }

    [Fact]
    public void Check_OrdinaryWordOneLetterFromCodenameWithDifferentFirstLetter_IsClear()
    {
        Assert.True(TestRoadmap.Check("Meet our team in Berlin.").IsClear);
    }

    [Theory]
    [InlineData("AeroPlan 4.8 is available for everyone.")]
    [InlineData("Basalt release notes are online.")]
    [InlineData("The LX200 is in stock.")]
    public void Check_PublicItem_IsClear(string text)
    {
        Assert.True(TestRoadmap.Check(text).IsClear);
    }

    [Fact]
    public void Check_PublicCodenameOneLetterFromUnreleasedCodename_IsClear()
    {
        // "Marlin" (public) is one letter from "Merlin" (unreleased); the exact public name wins.
        Assert.True(TestRoadmap.Check("Marlin owners get a free calibration.").IsClear);
    }

    [Fact]
    public void Check_CodenamePartOfCamelCaseWord_ReportsItemMention()
    {
        var text = "The SkyhawkPro variant is under discussion.";

        Assert.Equal(["Skyhawk"], TestRoadmap.Spans(text, TestRoadmap.Check(text)));
    }

    [Fact]
    public void Check_CodenameInsideLongerLowercaseWord_IsClear()
    {
        Assert.True(TestRoadmap.Check("The skyhawker club meets on Friday.").IsClear);
    }

    [Fact]
    public void Check_Mention_ReasonNamesItemAndKind()
    {
        var finding = Assert.Single(TestRoadmap.Check("Nightjar looks sharp.").Findings);

        Assert.Equal("Oblique camera payload", finding.Item?.Title);
        Assert.Contains("codename", finding.Reason, StringComparison.Ordinal);
        Assert.False(finding.InHiddenContent);
    }

    [Fact]
    public void Check_ItemWithId_FindingCarriesSameItem()
    {
        var item = new RoadmapItem("Survey planner 2", "Kittiwake") { Id = "item-42" };
        var guard = new DisclosureGuard([item]);

        var finding = Assert.Single(guard.Check("Kittiwake is close.", null, null, TestRoadmap.Today).Findings);

        Assert.Equal("item-42", finding.Item?.Id);
    }
}
