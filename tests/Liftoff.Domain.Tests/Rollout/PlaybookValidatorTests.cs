using Liftoff.Domain.Rollout;
using static Liftoff.Domain.Tests.Rollout.RolloutTestData;

namespace Liftoff.Domain.Tests.Rollout;

public class PlaybookValidatorTests
{
    [Fact]
    public void Validate_NoSteps_RefusesSteps()
    {
        var errors = PlaybookValidator.Validate(Playbook());

        var error = Assert.Single(errors);
        Assert.Equal("Steps", error.Field);
    }

    [Theory]
    [InlineData(366, OffsetUnit.Days)]
    [InlineData(-366, OffsetUnit.Days)]
    [InlineData(53, OffsetUnit.Weeks)]
    [InlineData(int.MaxValue, OffsetUnit.Weeks)]
    public void Validate_OffsetBeyondAYear_RefusesOffset(int amount, OffsetUnit unit)
    {
        var step = Step("a") with { Offset = new StepOffset(amount, unit) };

        var error = Assert.Single(PlaybookValidator.Validate(Playbook(step)));

        Assert.Equal("Steps[0].Offset", error.Field);
        Assert.Contains("365 days", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(365, OffsetUnit.Days)]
    [InlineData(-365, OffsetUnit.Days)]
    [InlineData(-52, OffsetUnit.Weeks)]
    public void Validate_OffsetAtTheBound_Accepts(int amount, OffsetUnit unit)
    {
        var step = Step("a") with { Offset = new StepOffset(amount, unit) };

        Assert.Empty(PlaybookValidator.Validate(Playbook(step)));
    }

    [Fact]
    public void Validate_NegativeDuration_RefusesDuration()
    {
        var error = Assert.Single(PlaybookValidator.Validate(Playbook(Step("a", duration: -1))));

        Assert.Equal("Steps[0].DurationDays", error.Field);
        Assert.Contains("negative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownPrerequisite_NamesTheKey()
    {
        var error = Assert.Single(PlaybookValidator.Validate(Playbook(Step("a"), Step("b", 0, 0, "nope"))));

        Assert.Equal("Steps[1].Prerequisites", error.Field);
        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateKey_RefusesTheSecond()
    {
        var error = Assert.Single(PlaybookValidator.Validate(Playbook(Step("a"), Step("b"), Step("a"))));

        Assert.Equal("Steps[2].Key", error.Field);
        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Cycle_NamesTheCycle()
    {
        var playbook = Playbook(Step("a", 0, 0, "c"), Step("b", 0, 0, "a"), Step("c", 0, 0, "b"), Step("d", 0, 0, "a"));

        var error = Assert.Single(PlaybookValidator.Validate(playbook));

        Assert.Equal("Steps[0].Prerequisites", error.Field);
        Assert.Equal("Prerequisites form a cycle: a → c → b → a.", error.Message);
    }

    [Fact]
    public void Validate_StepRequiringItself_NamesTheCycle()
    {
        var error = Assert.Single(PlaybookValidator.Validate(Playbook(Step("a", 0, 0, "a"))));

        Assert.Equal("Prerequisites form a cycle: a → a.", error.Message);
    }

    [Fact]
    public void Validate_TwoSeparateCycles_ReportsBoth()
    {
        var playbook = Playbook(Step("a", 0, 0, "b"), Step("b", 0, 0, "a"), Step("c", 0, 0, "d"), Step("d", 0, 0, "c"));

        var errors = PlaybookValidator.Validate(playbook);

        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Validate_DiamondOfPrerequisites_Accepts()
    {
        var playbook = Playbook(Step("a"), Step("b", 0, 0, "a"), Step("c", 0, 0, "a"), Step("d", 0, 0, "b", "c"));

        Assert.Empty(PlaybookValidator.Validate(playbook));
    }

    [Fact]
    public void Validate_MalformedCondition_RefusesCondition()
    {
        var step = Step("a") with { Condition = new StepCondition(ReleaseField.SignificantChanges, "maybe") };

        var error = Assert.Single(PlaybookValidator.Validate(Playbook(step)));

        Assert.Equal("Steps[0].Condition", error.Field);
    }

    [Fact]
    public void Validate_StepWithoutOwner_RefusesOwners()
    {
        var error = Assert.Single(PlaybookValidator.Validate(Playbook(Step("a") with { Owners = [] })));

        Assert.Equal("Steps[0].Owners", error.Field);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEach()
    {
        var playbook = Playbook(Step("a", 400, -2, "x"), Step("a"));

        var fields = PlaybookValidator.Validate(playbook).Select(e => e.Field).ToList();

        Assert.Equal(["Steps[1].Key", "Steps[0].Offset", "Steps[0].DurationDays", "Steps[0].Prerequisites"], fields);
    }
}
