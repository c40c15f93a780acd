using Liftoff.Domain.Disclosure;

namespace Liftoff.Domain.Tests.Disclosure;

public class ObfuscationTests
{
    [Theory]
    [InlineData("Sky<!-- x -->hawk is ready.", "Sky<!-- x -->hawk")]
    [InlineData("Sky <!-- x --> hawk is ready.", "Sky <!-- x --> hawk")]
    [InlineData("Flight log <!-- a --> cloud <!--b--> sync is ready.", "Flight log <!-- a --> cloud <!--b--> sync")]
    [InlineData("<p>Night<!---->jar is ready.</p>", "Night<!---->jar")]
    public void Check_NameSplitByComment_ReportsVisibleMentionOverWholeSpan(string text, string span)
    {
        var result = TestRoadmap.Check(text);

        Assert.Equal([span], TestRoadmap.Spans(text, result));
        Assert.False(result.Findings[0].InHiddenContent);
    }

    [Theory]
    [InlineData("Sky**hawk** is ready.", "Sky**hawk")]
    [InlineData("**Sky**hawk is ready.", "Sky**hawk")]
    [InlineData("Sky*hawk* is ready.", "Sky*hawk")]
    [InlineData("`Sky`hawk is ready.", "Sky`hawk")]
    [InlineData("~~Sky~~hawk is ready.", "Sky~~hawk")]
    [InlineData("Flight **log** cloud _sync_ is ready.", "Flight **log** cloud _sync")]
    [InlineData("Sky<x>hawk</x> is ready.", "Sky<x>hawk")]
    [InlineData("Sky<img src=\"a.png\">hawk is ready.", "Sky<img src=\"a.png\">hawk")]
    public void Check_NameSplitByMarkdownOrUnknownTags_ReportsMention(string text, string span)
    {
        Assert.Contains(span, TestRoadmap.Spans(text, TestRoadmap.Check(text)));
    }

    [Theory]
    [InlineData("Watch for S.k.y.h.a.w.k soon.", "S.k.y.h.a.w.k")]
    [InlineData("Watch for S k y h a w k soon.", "S k y h a w k")]
    [InlineData("Watch for N-I-G-H-T-J-A-R soon.", "N-I-G-H-T-J-A-R")]
    [InlineData("Watch for n_i_g_h_t_j_a_r soon.", "n_i_g_h_t_j_a_r")]
    [InlineData("Watch for S. k. y. h. a. w. k. soon.", "S. k. y. h. a. w. k")]
    [InlineData("Watch for F.l.i.g.h.t L.o.g C.l.o.u.d S.y.n.c soon.", "F.l.i.g.h.t L.o.g C.l.o.u.d S.y.n.c")]
    [InlineData("Watch for A.e.r.o.M.a.p X2 soon.", "A.e.r.o.M.a.p X2")]
    public void Check_LettersSeparatedOneByOne_ReportsMentionOverOriginalSpan(string text, string span)
    {
        Assert.Equal([span], TestRoadmap.Spans(text, TestRoadmap.Check(text)));
    }

    [Theory]
    [InlineData("Ask about N1GHTJ4R at the booth.", "N1GHTJ4R")]
    [InlineData("Ask about SKYH4WK at the booth.", "SKYH4WK")]
    [InlineData("Ask about 5kyh4wk at the booth.", "5kyh4wk")]
    [InlineData("Ask about H4LCY0N at the booth.", "H4LCY0N")]
    [InlineData("Ask about M3RL1N at the booth.", "M3RL1N")]
    [InlineData("Ask about N.1.G.H.T.J.4.R at the booth.", "N.1.G.H.T.J.4.R")]
    [InlineData("Ask about Fl1ght l0g cl0ud 5ync at the booth.", "Fl1ght l0g cl0ud 5ync")]
    public void Check_DigitsForLetters_ReportsMentionAndShowsHowItWasWritten(string text, string span)
    {
        var result = TestRoadmap.Check(text);

        Assert.Equal([span], TestRoadmap.Spans(text, result));
        Assert.Contains($"written \"{span}\"", result.Findings[0].Reason);
    }

    [Theory]
    [InlineData("Our 3D mesh and 4K video export are live.")]
    [InlineData("Office hours at 10:30 a.m., e.g. for partners in the U.S. and the U.K.")]
    [InlineData("Faster I/O, H264 and H.265 video, v2 of the B2B portal, 5G modems and MP4 files.")]
    [InlineData("Update to AeroPlan 4.8.1 (build 4.8.1.2207) from 12.03.2026.")]
    [InlineData("The LX200 sensor and the X1 airframe are available now.")]
    [InlineData("Rotate the x y z axes, then press A B C in turn.")]
    [InlineData("Pick 1 2 3 or a.k.a. options; rates of 3.5 % and 4.0 m/s.")]
    [InlineData("Call 0800 555 1234 or write to team1@example.com; ticket L3-100.")]
    public void Check_OrdinaryNumbersAndAbbreviations_AreClear(string text)
    {
        var result = TestRoadmap.Check(text);

        Assert.True(result.IsClear, string.Join("; ", result.Findings.Select(f => f.Reason)));
    }

    [Theory]
    [InlineData("Please test v5.0 on your tablets.", "v5.0")]
    [InlineData("Please test v.5.0.2 on your tablets.", "5.0.2")]
    public void Check_UnreleasedVersionBesideJoinedLetters_StillReportsVersion(string text, string version)
    {
        var finding = Assert.Single(TestRoadmap.Check(text).Findings, f => f.Kind == DisclosureKind.UnreleasedVersion);

        Assert.Equal(version, text.Substring(finding.Start, finding.Length));
    }

    [Fact]
    public void Check_DateAfterSpelledOutName_ReportsBoth()
    {
        const string text = "S.k.y.h.a.w.k ships in Q2 2027.";

        var spans = TestRoadmap.Spans(text, TestRoadmap.Check(text));

        Assert.Equal(["S.k.y.h.a.w.k", "Q2 2027"], spans);
    }

    [Fact]
    public void Check_NameInsideCommentSplitByTags_ReportsHiddenMention()
    {
        const string text = "<p>Hello</p><!-- <b>Sky</b>hawk -->";

        var finding = Assert.Single(TestRoadmap.Check(text).Findings);

        Assert.Equal("Sky</b>hawk", text.Substring(finding.Start, finding.Length));
        Assert.True(finding.InHiddenContent);
    }
}
