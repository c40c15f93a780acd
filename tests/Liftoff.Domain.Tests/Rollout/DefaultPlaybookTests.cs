using Liftoff.Domain.Rollout;
using static Liftoff.Domain.Rollout.DefaultPlaybook;

namespace Liftoff.Domain.Tests.Rollout;

public class DefaultPlaybookTests
{
    [Fact]
    public void Create_Always_IsValid()
    {
        Assert.Empty(PlaybookValidator.Validate(DefaultPlaybook.Create()));
    }

    [Fact]
    public void Create_Always_HasTheStepsOfTheWrittenProcess()
    {
        var keys = DefaultPlaybook.Create().Steps.Select(s => s.Key);

        Assert.Equal(
            [ContentDiscussion, InternalNotesReview, KbAnnouncement, Newsletter, KbIteration, CustomerTeamsShare,
                FieldHandover, DeliveryRollout, LendingShopUpdate, SupportSurge],
            keys);
    }

    [Theory]
    [InlineData(ContentDiscussion, -28)]
    [InlineData(InternalNotesReview, -28)]
    [InlineData(KbAnnouncement, -14)]
    [InlineData(Newsletter, -14)]
    [InlineData(CustomerTeamsShare, -14)]
    [InlineData(LendingShopUpdate, 0)]
    [InlineData(SupportSurge, 0)]
    public void Create_Step_HasTheWrittenOffset(string key, int expectedDays)
    {
        var step = DefaultPlaybook.Create().Steps.Single(s => s.Key == key);

        Assert.Equal(expectedDays, step.Offset.TotalDays);
    }

    [Theory]
    [InlineData(ContentDiscussion)]
    [InlineData(InternalNotesReview)]
    public void Create_LeadsMeeting_IsOwnedByBothLeads(string key)
    {
        var step = DefaultPlaybook.Create().Steps.Single(s => s.Key == key);

        Assert.Equal([StepOwner.LeadOf(DeliveryTeam), StepOwner.LeadOf(CustomerSuccessTeam)], step.Owners);
    }

    [Theory]
    [InlineData(KbAnnouncement)]
    [InlineData(Newsletter)]
    [InlineData(KbIteration)]
    [InlineData(CustomerTeamsShare)]
    [InlineData(LendingShopUpdate)]
    [InlineData(SupportSurge)]
    public void Create_CommunicationStep_IsOwnedByCustomerSuccess(string key)
    {
        var step = DefaultPlaybook.Create().Steps.Single(s => s.Key == key);

        Assert.Equal([StepOwner.Team(CustomerSuccessTeam)], step.Owners);
    }

    [Fact]
    public void Create_FieldHandover_OnlyForSignificantChangesInReleaseWeekWithBothTeams()
    {
        var step = DefaultPlaybook.Create().Steps.Single(s => s.Key == FieldHandover);

        Assert.Equal(StepCondition.SignificantChangesIs(true), step.Condition);
        Assert.InRange(step.Offset.TotalDays, -7, -1);
        Assert.Equal([StepOwner.Team(CustomerSuccessTeam), StepOwner.Team(DeliveryTeam)], step.Owners);
    }

    [Fact]
    public void Create_Rollout_IsADeliveryWindowEndingOnReleaseDay()
    {
        var step = DefaultPlaybook.Create().Steps.Single(s => s.Key == DeliveryRollout);

        Assert.Equal([StepOwner.Team(DeliveryTeam)], step.Owners);
        Assert.True(step.DurationDays > 1);
        Assert.Equal(0, step.Offset.TotalDays + step.DurationDays - 1);
    }

    [Fact]
    public void Create_SupportSurge_IsAFourteenDayWindowFromReleaseDay()
    {
        var step = DefaultPlaybook.Create().Steps.Single(s => s.Key == SupportSurge);

        Assert.Equal(0, step.Offset.TotalDays);
        Assert.Equal(14, step.DurationDays);
    }

    [Theory]
    [InlineData(Newsletter, ContentDiscussion)]
    [InlineData(KbIteration, KbAnnouncement)]
    [InlineData(LendingShopUpdate, DeliveryRollout)]
    public void Create_Step_IsGatedOnItsPrerequisite(string key, string prerequisite)
    {
        var step = DefaultPlaybook.Create().Steps.Single(s => s.Key == key);

        Assert.Contains(prerequisite, step.Prerequisites);
    }

    [Fact]
    public void Create_OnlyTheFieldHandover_IsConditional()
    {
        var conditional = DefaultPlaybook.Create().Steps.Where(s => s.Condition is not null).Select(s => s.Key);

        Assert.Equal([FieldHandover], conditional);
    }
}
