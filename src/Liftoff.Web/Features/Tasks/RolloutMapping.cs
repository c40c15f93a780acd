using Liftoff.Data.Rollout;
using Liftoff.Domain.Rollout;

namespace Liftoff.Web.Features.Tasks;

/// <summary>Translates between the stored release and task rows and the domain's rollout records.</summary>
public static class RolloutMapping
{
    public static IReadOnlyList<StepOwner> ParseOwners(string owners) =>
        Split(owners).Select(o => o.StartsWith("lead:", StringComparison.Ordinal)
                ? StepOwner.LeadOf(o[5..])
                : StepOwner.Team(o.StartsWith("team:", StringComparison.Ordinal) ? o[5..] : o))
            .ToList();

    public static string FormatOwners(IEnumerable<StepOwner> owners) =>
        string.Join(";", owners.Select(o => o.Role == OwnerRole.TeamLead ? $"lead:{o.TeamKey}" : $"team:{o.TeamKey}"));

    public static IReadOnlyList<string> Split(string? value) =>
        (value ?? "").Split([';', ',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Join(IEnumerable<string> values) => string.Join(";", values);

    public static IReadOnlyList<string> Lines(string? value) =>
        (value ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static Release ToDomain(ReleaseEntity r) =>
        new(Guid.Empty, r.Product, r.Version, r.PlannedDate, r.SignificantChanges, r.Status);

    public static RolloutTask ToDomain(RolloutTaskEntity t) => new()
    {
        StepKey = t.StepKey,
        Name = t.Name,
        Owners = ParseOwners(t.Owners),
        Prerequisites = Split(t.Prerequisites),
        OffsetDays = t.OffsetDays,
        DurationDays = t.DurationDays,
        DueDate = t.DueDate,
        WindowStart = t.WindowStart,
        WindowEnd = t.WindowEnd,
        Status = t.Status,
        SkipReason = t.SkipReason,
        Description = t.Description,
        Checklist = Lines(t.Checklist),
    };

    /// <summary>Copies the scheduler's result onto a stored task (new or existing).</summary>
    public static void CopyTo(RolloutTask task, RolloutTaskEntity e)
    {
        e.StepKey = task.StepKey;
        e.Name = task.Name;
        e.Owners = FormatOwners(task.Owners);
        e.Prerequisites = Join(task.Prerequisites);
        e.OffsetDays = task.OffsetDays;
        e.DurationDays = task.DurationDays;
        e.DueDate = task.DueDate;
        e.WindowStart = task.WindowStart;
        e.WindowEnd = task.WindowEnd;
        e.Status = task.Status;
        e.SkipReason = task.SkipReason;
        e.Description = task.Description;
        e.Checklist = string.Join("\n", task.Checklist);
    }

    public static string DescribeOwners(string owners, IReadOnlyDictionary<string, string> teamNames) =>
        string.Join(", ", ParseOwners(owners).Select(o =>
        {
            var name = teamNames.GetValueOrDefault(o.TeamKey, o.TeamKey);
            return o.Role == OwnerRole.TeamLead ? $"Lead of {name}" : name;
        }));

    public static string StatusLabel(RolloutTaskStatus status) => status switch
    {
        RolloutTaskStatus.Todo => "to do",
        RolloutTaskStatus.InProgress => "in progress",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static string StatusLabel(ReleaseStatus status) => status switch
    {
        ReleaseStatus.InProgress => "in progress",
        _ => status.ToString().ToLowerInvariant(),
    };
}
