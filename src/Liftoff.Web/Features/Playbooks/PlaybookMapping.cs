using Liftoff.Data.Rollout;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Tasks;

namespace Liftoff.Web.Features.Playbooks;

/// <summary>Translates between the stored playbooks and the domain's playbook records.</summary>
public static class PlaybookMapping
{
    public static Playbook ToDomain(PlaybookEntity p) =>
        new(p.Key, p.Name, p.Steps.OrderBy(s => s.Position).Select(ToDomain).ToList());

    public static PlaybookStep ToDomain(PlaybookStepEntity s) => new()
    {
        Key = s.Key,
        Name = s.Name,
        Offset = new StepOffset(s.OffsetAmount, s.OffsetUnit),
        DurationDays = s.DurationDays,
        Owners = RolloutMapping.ParseOwners(s.Owners),
        Condition = s.ConditionField is { } field ? new StepCondition(field, s.ConditionValue ?? "") : null,
        Prerequisites = RolloutMapping.Split(s.Prerequisites),
        Description = s.Description,
        Checklist = RolloutMapping.Lines(s.Checklist),
    };

    public static List<PlaybookStepEntity> ToEntities(IEnumerable<PlaybookStep> steps) =>
        steps.Select((s, i) => new PlaybookStepEntity
        {
            Position = i,
            Key = s.Key.Trim(),
            Name = s.Name.Trim(),
            OffsetAmount = s.Offset.Amount,
            OffsetUnit = s.Offset.Unit,
            DurationDays = s.DurationDays,
            Owners = RolloutMapping.FormatOwners(s.Owners),
            ConditionField = s.Condition?.Field,
            ConditionValue = s.Condition?.ExpectedValue,
            Prerequisites = RolloutMapping.Join(s.Prerequisites),
            Description = s.Description,
            Checklist = string.Join("\n", s.Checklist),
        }).ToList();
}
