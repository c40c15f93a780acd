using Liftoff.Domain.Disclosure;

namespace Liftoff.Domain.Tests.Disclosure;

public class HiddenContentTests
{
    [Theory]
    [InlineData("<p>Hello</p><!-- mention Skyhawk later -->")]
    [InlineData("<img src=\"a.jpg\" alt=\"Skyhawk on the bench\">")]
    [InlineData("<a href=\"/docs\" title=\"Skyhawk preview\">Read more</a>")]
    [InlineData("<a href=\"https://example.com/blog/skyhawk-first-flight\">Blog</a>")]
    [InlineData("<script>var name = 'Skyhawk';</script><p>Hi</p>")]
    [InlineData("Report\n\n![Skyhawk wing](wing.png)")]
    [InlineData("See [notes](https://example.com/n \"Skyhawk preview\").")]
    [InlineData("[//]: # (Skyhawk)\nHappy holidays!")]
    public void Check_NameInHiddenPart_ReportsHiddenMention(string text)
    {
        var finding = Assert.Single(TestRoadmap.Check(text).Findings, f => f.Kind == DisclosureKind.ItemMention);

        Assert.Equal("skyhawk", text.Substring(finding.Start, finding.Length).ToLowerInvariant());
        Assert.True(finding.InHiddenContent);
    }

    [Theory]
    [InlineData("<p>Sky<b>hawk</b> is coming.</p>", "Sky<b>hawk")]
    [InlineData("<p>Sky<span class=\"x\">hawk</span></p>", "Sky<span class=\"x\">hawk")]
    [InlineData("&#83;kyhawk is here.", "&#83;kyhawk")]
    [InlineData("Skyh&#x61;wk is here.", "Skyh&#x61;wk")]
    [InlineData("Sky&shy;hawk is here.", "Sky&shy;hawk")]
    public void Check_NameSplitByTagsOrEntities_SpanCoversOriginalMarkup(string text, string span)
    {
        Assert.Equal([span], TestRoadmap.Spans(text, TestRoadmap.Check(text)));
    }

    [Fact]
    public void Check_BlockTagsBetweenWords_DoNotJoinThem()
    {
        Assert.True(TestRoadmap.Check("<p>Sky</p><p>hawk</p>").IsClear);
    }

    [Theory]
    [InlineData("Sky\u200Bhawk")]
    [InlineData("S\u200Dk\u200Cy\u2060h\uFEFFawk")]
    [InlineData("Sky\u00ADhawk")]
    public void Check_ZeroWidthCharactersInsideName_ReportsMentionWithOriginalSpan(string word)
    {
        var text = $"Hello {word} team.";

        Assert.Equal([word], TestRoadmap.Spans(text, TestRoadmap.Check(text)));
    }

    [Theory]
    [InlineData("\u0405kyhawk")]
    [InlineData("Sky\u04BBawk")]
    [InlineData("Nightj\u0430r")]
    [InlineData("Nightj\u03B1r")]
    [InlineData("\uFF33kyhawk")]
    [InlineData("Sk\u00FDhawk")]
    public void Check_LookAlikeLettersInsideName_ReportsMention(string word)
    {
        var text = $"Hello {word} team.";

        Assert.Equal([word], TestRoadmap.Spans(text, TestRoadmap.Check(text)));
    }

    [Fact]
    public void Check_CyrillicText_IsClear()
    {
        Assert.True(TestRoadmap.Check(
            "\u041f\u0440\u0438\u0432\u0435\u0442, \u043f\u0430\u0440\u0442\u043d\u0451\u0440\u044b!").IsClear);
    }

    [Fact]
    public void Check_VisibleMention_IsNotMarkedHidden()
    {
        var finding = Assert.Single(TestRoadmap.Check("<p>Skyhawk</p><!-- fine -->").Findings);

        Assert.False(finding.InHiddenContent);
    }

    [Fact]
    public void Check_FutureDateInCommentNextToName_ReportsBoth()
    {
        var text = "<p>December news</p><!-- Skyhawk launch in Q2 2027 -->";

        var spans = TestRoadmap.Spans(text, TestRoadmap.Check(text));

        Assert.Contains("Skyhawk", spans);
        Assert.Contains("Q2 2027", spans);
    }
}
