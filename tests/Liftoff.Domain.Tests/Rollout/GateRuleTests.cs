using Liftoff.Domain.Rollout;
using static Liftoff.Domain.Tests.Rollout.RolloutTestData;

namespace Liftoff.Domain.Tests.Rollout;

public class GateRuleTests
{
    [Fact]
    public void CanMarkDone_NoPrerequisites_Allows()
    {
        var task = Task("a");

        var check = GateRule.CanMarkDone(task, [task]);

        Assert.True(check.Allowed);
        Assert.Null(check.Message);
    }

    [Fact]
    public void CanMarkDone_PrerequisiteOpen_RefusesNamingIt()
    {
        var content = Task("content", RolloutTaskStatus.InProgress) with { Name = "Discuss release content" };
        var newsletter = Task("newsletter", RolloutTaskStatus.Todo, "content") with { Name = "Newsletter" };

        var check = GateRule.CanMarkDone(newsletter, [content, newsletter]);

        Assert.False(check.Allowed);
        Assert.Same(content, Assert.Single(check.MissingPrerequisites));
        Assert.Equal(
            "'Newsletter' cannot be marked done before its prerequisite 'Discuss release content' (in progress) is " +
                "done or skipped.", check.Message);
    }

    [Fact]
    public void CanMarkDone_TwoPrerequisitesOpen_NamesBoth()
    {
        var a = Task("a");
        var b = Task("b");
        var c = Task("c", RolloutTaskStatus.Todo, "a", "b");

        var check = GateRule.CanMarkDone(c, [a, b, c]);

        Assert.Equal(2, check.MissingPrerequisites.Count);
        Assert.Contains("'Task a' (to do), 'Task b' (to do) are done", check.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RolloutTaskStatus.Done)]
    [InlineData(RolloutTaskStatus.Skipped)]
    public void CanMarkDone_PrerequisiteDoneOrSkipped_Allows(RolloutTaskStatus status)
    {
        var a = Task("a", status);
        var b = Task("b", RolloutTaskStatus.Todo, "a");

        Assert.True(GateRule.CanMarkDone(b, [a, b]).Allowed);
    }

    [Fact]
    public void CanMarkDone_PrerequisiteNotInstantiated_Allows()
    {
        var b = Task("b", RolloutTaskStatus.Todo, "field-handover");

        Assert.True(GateRule.CanMarkDone(b, [b]).Allowed);
    }

    [Fact]
    public void CanMarkDone_OnlySomePrerequisitesDone_NamesOnlyTheOpenOne()
    {
        var a = Task("a", RolloutTaskStatus.Done);
        var b = Task("b");
        var c = Task("c", RolloutTaskStatus.Todo, "a", "b");

        var check = GateRule.CanMarkDone(c, [a, b, c]);

        Assert.Equal("b", Assert.Single(check.MissingPrerequisites).StepKey);
    }
}
