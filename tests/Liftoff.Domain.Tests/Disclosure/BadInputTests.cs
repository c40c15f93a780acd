using System.Text;
using Liftoff.Domain.Disclosure;

namespace Liftoff.Domain.Tests.Disclosure;

public class BadInputTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public void Check_EmptyText_IsClear(string? text)
    {
        var result = TestRoadmap.Guard().Check(text, null, null, TestRoadmap.Today);

        Assert.Equal(DisclosureStatus.Clear, result.Status);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void Check_TextOverDefaultLimit_RefusedWithReason()
    {
        var text = new string('a', 200_001);

        var result = TestRoadmap.Check(text);

        Assert.Equal(DisclosureStatus.Refused, result.Status);
        Assert.False(result.IsClear);
        Assert.Contains("200,000", result.RefusalReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_OneMegabyteWithDefaultLimit_RefusedNotThrown()
    {
        var result = TestRoadmap.Check(new string('x', 1_048_576));

        Assert.Equal(DisclosureStatus.Refused, result.Status);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void Check_TextAtLimit_IsChecked()
    {
        var options = new DisclosureOptions { MaxTextLength = 20 };

        var result = TestRoadmap.Guard(options).Check("Skyhawk is flying!!!", null, null, TestRoadmap.Today);

        Assert.Equal(DisclosureStatus.Leaks, result.Status);
    }

    [Fact]
    public void Check_OneMegabyteWithRaisedLimit_FindsMentionAtTheEnd()
    {
        var builder = new StringBuilder();
        while (builder.Length < 1_048_576)
        {
            builder.Append(
                "Thank you for flying with us on 10 December 2026. <b>Tips</b> &amp; tricks: calibrate often! ");
        }
        builder.Append("Skyhawk");
        var guard = TestRoadmap.Guard(new DisclosureOptions { MaxTextLength = 2_000_000 });

        var result = guard.Check(builder.ToString(), null, null, TestRoadmap.Today);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(builder.Length - 7, finding.Start);
    }

    [Fact]
    public void Check_OneMegabyteOfMarkupOpeners_DoesNotHang()
    {
        var text = string.Concat(Enumerable.Repeat("<a ![x](", 25_000))
            + string.Concat(Enumerable.Repeat("<!--", 25_000));

        var result = TestRoadmap.Guard(new DisclosureOptions { MaxTextLength = 2_000_000 })
            .Check(text, null, null, TestRoadmap.Today);

        Assert.True(result.IsClear);
    }

    [Theory]
    [InlineData("\uD800 lone high surrogate")]
    [InlineData("lone low surrogate \uDC00")]
    [InlineData("\U0001F681\U0001F4F8\u2744\uFE0F emoji")]
    [InlineData("\u202Ekwahyks\u202C right-to-left override")]
    [InlineData("\0\u0001\u0007 control characters")]
    [InlineData("<<<>>>&&&;;;<!--")]
    [InlineData("&#xFFFFFFFF; &#0; &#55296; &bogus;")]
    [InlineData("<a href='unterminated")]
    [InlineData("Q 2027 q9 H3 2027-00 2027-13-45 31.02.2027 99/99/2027")]
    [InlineData("v v. version . 5..0 ... 5.0.0.0.0.0.0")]
    public void Check_OddInput_DoesNotThrow(string text)
    {
        var result = TestRoadmap.Check(text);

        Assert.NotEqual(DisclosureStatus.Refused, result.Status);
    }

    [Fact]
    public void Check_RandomCharacters_NeverThrowsAndSpansStayInText()
    {
        var random = new Random(1234);
        var guard = TestRoadmap.Guard();
        for (var round = 0; round < 300; round++)
        {
            var chars = new char[random.Next(0, 400)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = random.Next(4) == 0 ? "Skyhawk <>&;#-. 2027Q"[random.Next(21)]
                    : (char)random.Next(0, 0x3000);
            }
            var text = new string(chars);

            var result = guard.Check(text, null, null, TestRoadmap.Today);

            Assert.All(result.Findings, f => Assert.InRange(f.Start + f.Length, f.Start, text.Length));
        }
    }

    [Fact]
    public void Compile_ItemsWithEmptyNamesAndBadTargets_DoesNotThrow()
    {
        var guard = new DisclosureGuard([new RoadmapItem(""), new RoadmapItem("---", "  ", ["", "-"], "soon",
            Versions: ["x.y", ""])]);

        Assert.True(guard.Check("Anything at all in 2027.", null, null, TestRoadmap.Today).IsClear);
    }

    [Fact]
    public void Check_ManyThreadsShareOneGuard_SameFindingsEverywhere()
    {
        // The web app keeps one compiled guard for all requests.
        var guard = TestRoadmap.Guard();
        const string text = "<p>Sky\u200Bhawk ships in Q2 2027</p><!-- Nightj\u0430r --> v5.0 \u0416\u00E9\u4E2D";
        var expected = guard.Check(text, null, null, TestRoadmap.Today).Findings;

        var results = new DisclosureResult[64];
        Parallel.For(0, results.Length, i => results[i] = guard.Check(text, null, null, TestRoadmap.Today));

        Assert.Equal(4, expected.Count);
        Assert.All(results, r => Assert.Equal(expected, r.Findings));
    }
}
