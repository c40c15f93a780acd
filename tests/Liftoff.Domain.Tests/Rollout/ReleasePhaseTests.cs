using Liftoff.Domain.Rollout;

namespace Liftoff.Domain.Tests.Rollout;

public class ReleasePhaseTests
{
    private static readonly DateOnly ReleaseDay = new(2026, 3, 10);

    [Theory]
    [InlineData(-60, RolloutPhase.Planning)]
    [InlineData(-29, RolloutPhase.Planning)]
    [InlineData(-28, RolloutPhase.FourWeeksBefore)]
    [InlineData(-15, RolloutPhase.FourWeeksBefore)]
    [InlineData(-14, RolloutPhase.TwoWeeksBefore)]
    [InlineData(-8, RolloutPhase.TwoWeeksBefore)]
    [InlineData(-7, RolloutPhase.ReleaseWeek)]
    [InlineData(-1, RolloutPhase.ReleaseWeek)]
    [InlineData(0, RolloutPhase.Surge)]
    [InlineData(13, RolloutPhase.Surge)]
    [InlineData(14, RolloutPhase.Done)]
    public void For_DaysFromRelease_IsThePhase(int days, RolloutPhase expected)
    {
        Assert.Equal(expected, ReleasePhase.For(ReleaseDay, ReleaseDay.AddDays(days)));
    }

    [Theory]
    [InlineData(RolloutPhase.FourWeeksBefore, "4 weeks before")]
    [InlineData(RolloutPhase.TwoWeeksBefore, "2 weeks before")]
    [InlineData(RolloutPhase.ReleaseWeek, "release week")]
    [InlineData(RolloutPhase.Surge, "surge")]
    [InlineData(RolloutPhase.Done, "done")]
    public void Label_Phase_IsTheProcessWording(RolloutPhase phase, string expected)
    {
        Assert.Equal(expected, ReleasePhase.Label(phase));
    }

    [Fact]
    public void Bands_SurgeBand_IsFourteenDaysFromReleaseDay()
    {
        var surge = ReleasePhase.Bands(ReleaseDay).Single(b => b.Phase == RolloutPhase.Surge);

        Assert.Equal((ReleaseDay, new DateOnly(2026, 3, 23)), (surge.Start!.Value, surge.End!.Value));
    }

    [Fact]
    public void Bands_EveryDayAroundTheRelease_FallsInExactlyTheBandOfItsPhase()
    {
        var bands = ReleasePhase.Bands(ReleaseDay);

        for (var day = -100; day <= 100; day++)
        {
            var date = ReleaseDay.AddDays(day);
            var band = Assert.Single(bands, b => b.Contains(date));
            Assert.Equal(ReleasePhase.For(ReleaseDay, date), band.Phase);
        }
    }
}
