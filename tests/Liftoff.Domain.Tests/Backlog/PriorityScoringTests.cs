using Liftoff.Domain.Backlog.Prioritisation;

namespace Liftoff.Domain.Tests.Backlog;

public class PriorityScoringTests
{
    private static readonly PriorityWeights Flat = PriorityWeights.Default with
    {
        PointsPerVote = 10,
        SegmentMultipliers = new Dictionary<string, double>(),
        TierMultipliers = new Dictionary<string, double>(),
        ResellerMultiplier = 1,
        CustomerMultiplier = 1,
    };

    private static VoteInput Vote(string? segment = null, string? tier = null, bool customer = true) =>
        new(segment, tier, customer);

    [Fact]
    public void Compute_NoInputs_IsZeroWithEveryComponentListed()
    {
        var score = PriorityScoring.Compute(new PriorityInputs([]), PriorityWeights.Default);

        Assert.Equal(0, score.Total);
        Assert.Equal(["votes", "survey", "sales", "partnership", "strategic-fit"], score.Components.Select(c => c.Key));
    }

    [Fact]
    public void Compute_VotesOfWeightedSegmentAndTier_MultiplyThePointsPerVote()
    {
        var weights = Flat with
        {
            SegmentMultipliers = new Dictionary<string, double> { ["Enterprise"] = 2 },
            TierMultipliers = new Dictionary<string, double> { ["Gold"] = 1.5 },
        };

        var score = PriorityScoring.Compute(new PriorityInputs([Vote("enterprise", "GOLD"), Vote("SMB", null),
            Vote()]), weights);

        // 10 × 2 × 1.5 + 10 + 10
        Assert.Equal(50, score.Components.Single(c => c.Key == "votes").Points);
        Assert.Equal(50, score.Total);
    }

    [Fact]
    public void Compute_ResellerAndCustomerMultipliers_ApplyByKind()
    {
        var weights = Flat with { ResellerMultiplier = 2, CustomerMultiplier = 0.5 };

        var score = PriorityScoring.Compute(new PriorityInputs([Vote(customer: false), Vote(customer: true)]), weights);

        Assert.Equal(25, score.Total);
    }

    [Fact]
    public void Compute_AllInputs_SumsTheBreakdown()
    {
        var weights = Flat with
        {
            SurveyPoints = 2,
            DealPointsPer10K = 3,
            DealPointsCap = 100,
            UrgencyPoints = 4,
            PartnershipPoints = 5,
            StrategicFitPoints = 6
        };
        var inputs = new PriorityInputs([Vote()], SurveyScore: 7, DealValue: 50_000, Urgency: SalesUrgency.High,
            PartnershipStrength: 2, StrategicFit: 4);

        var score = PriorityScoring.Compute(inputs, weights);

        var parts = score.Components.ToDictionary(c => c.Key, c => c.Points);
        Assert.Equal(10, parts["votes"]);
        Assert.Equal(14, parts["survey"]);
        Assert.Equal(15 + 12, parts["sales"]);
        Assert.Equal(10, parts["partnership"]);
        Assert.Equal(24, parts["strategic-fit"]);
        Assert.Equal(parts.Values.Sum(), score.Total);
        Assert.Equal(85, score.Total);
    }

    [Fact]
    public void Compute_HugeDeal_IsCappedSoOneDealCannotBuryTheBacklog()
    {
        var weights = Flat with { DealPointsPer10K = 2, DealPointsCap = 40 };

        var score = PriorityScoring.Compute(new PriorityInputs([], DealValue: 10_000_000), weights);

        Assert.Equal(40, score.Total);
    }

    [Fact]
    public void Compute_NegativeOrOutOfRangeInputs_AreClampedNotTrusted()
    {
        var score = PriorityScoring.Compute(new PriorityInputs([], SurveyScore: -5, DealValue: -100,
            PartnershipStrength: 99, StrategicFit: 42), Flat);

        var parts = score.Components.ToDictionary(c => c.Key, c => c.Points);
        Assert.Equal(0, parts["survey"]);
        Assert.Equal(0, parts["sales"]);
        Assert.Equal(PriorityScoring.MaxPartnershipStrength * Flat.PartnershipPoints, parts["partnership"]);
        Assert.Equal(PriorityScoring.MaxStrategicFit * Flat.StrategicFitPoints, parts["strategic-fit"]);
    }

    [Fact]
    public void Compute_ChangingAWeight_ChangesOnlyItsComponent()
    {
        var inputs = new PriorityInputs([Vote(), Vote()], SurveyScore: 3, StrategicFit: 2);

        var before = PriorityScoring.Compute(inputs, Flat);
        var after = PriorityScoring.Compute(inputs, Flat with { StrategicFitPoints = Flat.StrategicFitPoints + 10 });

        Assert.Equal(before.Total + 20, after.Total);
        Assert.Equal(before.Components.Single(c => c.Key == "votes"), after.Components.Single(c => c.Key == "votes"));
    }

    [Fact]
    public void Compute_MoreVotesEqualOtherwise_RanksHigher()
    {
        var one = PriorityScoring.Compute(new PriorityInputs([Vote("SMB", "Bronze")]), PriorityWeights.Default);
        var two = PriorityScoring.Compute(new PriorityInputs([Vote("SMB", "Bronze"), Vote("SMB", "Bronze")]),
            PriorityWeights.Default);

        Assert.True(two.Total > one.Total);
    }

    [Fact]
    public void Summary_ListsOnlyNonZeroParts()
    {
        var score = PriorityScoring.Compute(new PriorityInputs([Vote()], StrategicFit: 1), Flat);

        Assert.Equal($"Votes 10 · Strategic fit {Flat.StrategicFitPoints}", score.Summary);
    }

    [Theory]
    [InlineData("Enterprise=1.5; SMB=0.8", 2)]
    [InlineData("Enterprise: 1.5\nSMB=0.8", 2)]
    [InlineData("", 0)]
    public void ParseMultipliers_ValidText_ReadsEachPair(string text, int count)
    {
        var parsed = PriorityWeights.ParseMultipliers(text, "Segments");

        Assert.True(parsed.IsOk);
        Assert.Equal(count, parsed.Value.Count);
    }

    [Theory]
    [InlineData("Enterprise", "not a name=multiplier pair")]
    [InlineData("Enterprise=lots", "must be a number")]
    [InlineData("Enterprise=-1", "must be a number")]
    [InlineData("Enterprise=1; enterprise=2", "listed twice")]
    public void ParseMultipliers_BadText_ExplainsTheProblem(string text, string message)
    {
        var parsed = PriorityWeights.ParseMultipliers(text, "Segments");

        Assert.False(parsed.IsOk);
        Assert.Contains(message, parsed.Errors[0].Message);
        Assert.Equal("Segments", parsed.Errors[0].Field);
    }

    [Fact]
    public void Validate_NegativeOrInfiniteWeight_IsRefused()
    {
        var errors = (PriorityWeights.Default with { PointsPerVote = -1, SurveyPoints = double.PositiveInfinity })
            .Validate();

        Assert.Equal(["PointsPerVote", "SurveyPoints"], errors.Select(e => e.Field));
        Assert.Empty(PriorityWeights.Default.Validate());
    }

    [Fact]
    public void FormatMultipliers_RoundTripsThroughParse()
    {
        var text = PriorityWeights.FormatMultipliers(PriorityWeights.Default.TierMultipliers);

        var parsed = PriorityWeights.ParseMultipliers(text, "Tiers");

        Assert.Equal(PriorityWeights.Default.TierMultipliers.OrderBy(k => k.Key), parsed.Value!.OrderBy(k => k.Key));
    }
}
