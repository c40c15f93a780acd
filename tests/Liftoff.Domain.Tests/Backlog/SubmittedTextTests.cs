using Liftoff.Domain.Backlog;

namespace Liftoff.Domain.Tests.Backlog;

public class SubmittedTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u200B\u200B\u200B")]
    [InlineData("\u200D\uFEFF\u2060\u00AD\u200E")]
    [InlineData("\0\u0001\u007F")]
    [InlineData("\u3164\u3164\u2800")]
    [InlineData("\u0301\u0301")]
    public void HasVisibleCharacters_InvisibleOnly_IsFalse(string text) =>
        Assert.False(SubmittedText.HasVisibleCharacters(text));

    [Theory]
    [InlineData("Map")]
    [InlineData("\u200Bx")]
    [InlineData("é")]
    [InlineData("🚁")]
    [InlineData("地图")]
    public void HasVisibleCharacters_AnythingThatShows_IsTrue(string text) =>
        Assert.True(SubmittedText.HasVisibleCharacters(text));

    [Fact]
    public void CleanLine_ControlCharacters_AreRemovedAndBreaksBecomeSpaces() =>
        Assert.Equal("Night mode for the map", SubmittedText.CleanLine(" Night\0 mode\u0007 for\tthe\r\nmap\u001B "));

    [Fact]
    public void CleanText_KeepsLineBreaksAndTabs_RemovesOtherControls() =>
        Assert.Equal("one\ntwo\tthree\nfour", SubmittedText.CleanText("one\r\ntwo\t\0three\rfo\u0008ur\u0085"));
}
