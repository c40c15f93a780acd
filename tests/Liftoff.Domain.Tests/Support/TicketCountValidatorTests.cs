using Liftoff.Domain.Support;

namespace Liftoff.Domain.Tests.Support;

public class TicketCountValidatorTests
{
    private static readonly DateOnly Day = new(2026, 3, 2);

    [Fact]
    public void Validate_CompleteSeries_Accepts()
    {
        var counts = Enumerable.Range(0, 10).Select(i => new DailyCount(Day.AddDays(i), i * 3)).ToList();

        Assert.Empty(TicketCountValidator.Validate(counts));
    }

    [Fact]
    public void Validate_Empty_Refuses()
    {
        Assert.Equal("Counts", Assert.Single(TicketCountValidator.Validate([])).Field);
    }

    [Fact]
    public void Validate_MissingDays_NamesTheGap()
    {
        var counts = new List<DailyCount> { new(Day, 5), new(Day.AddDays(4), 5), new(Day.AddDays(6), 5) };

        var errors = TicketCountValidator.Validate(counts);

        Assert.Equal(
            ["The days 2026-03-03 to 2026-03-05 are missing; enter 0 for days without tickets.",
                "The day 2026-03-07 is missing; enter 0 for days without tickets."],
            errors.Select(e => e.Message));
    }

    [Fact]
    public void Validate_DuplicateDay_RefusesTheSecondRow()
    {
        var counts = new List<DailyCount> { new(Day, 5), new(Day.AddDays(1), 5), new(Day, 7) };

        var error = Assert.Single(TicketCountValidator.Validate(counts));

        Assert.Equal("Counts[2].Date", error.Field);
        Assert.Contains("first at row 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SameDayInTwoChannels_Accepts()
    {
        var counts = new List<DailyCount> { new(Day, 5, "email"), new(Day, 7, "phone") };

        Assert.Empty(TicketCountValidator.Validate(counts));
    }

    [Fact]
    public void Validate_GapInOneChannel_NamesTheChannel()
    {
        var counts = new List<DailyCount> { new(Day, 5, "email"), new(Day.AddDays(2), 5, "email"),
            new(Day, 1, "phone"), new(Day.AddDays(1), 1, "phone") };

        var error = Assert.Single(TicketCountValidator.Validate(counts));

        Assert.Contains("channel 'email'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativeCount_Refuses()
    {
        var error = Assert.Single(TicketCountValidator.Validate([new(Day, -1)]));

        Assert.Equal("Counts[0].Count", error.Field);
        Assert.Contains("negative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AbsurdCount_Refuses()
    {
        var error = Assert.Single(TicketCountValidator.Validate([new(Day, 1_000_001)]));

        Assert.Equal("Counts[0].Count", error.Field);
    }

    [Fact]
    public void Validate_CountAtTheLimit_Accepts()
    {
        Assert.Empty(TicketCountValidator.Validate([new(Day, 1_000_000)]));
    }
}
