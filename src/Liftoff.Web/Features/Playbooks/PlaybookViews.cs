namespace Liftoff.Web.Features.Playbooks;

public sealed record PlaybookStepInput(
    string? Key,
    string? Name,
    int OffsetAmount,
    string? OffsetUnit,
    int DurationDays,
    IReadOnlyList<string>? Owners,
    string? ConditionField,
    string? ConditionValue,
    IReadOnlyList<string>? Prerequisites,
    string? Description,
    IReadOnlyList<string>? Checklist);

public sealed record PlaybookInput(string? Key, string? Name, string? DefaultFor,
    IReadOnlyList<PlaybookStepInput>? Steps,
    int? RowVersion = null);

public sealed record PlaybookStepView(
    string Key, string Name, int OffsetAmount, string OffsetUnit, string OffsetText, int DurationDays,
    IReadOnlyList<string> Owners, string? ConditionField, string? ConditionValue, IReadOnlyList<string> Prerequisites,
    string Description, IReadOnlyList<string> Checklist);

public sealed record PlaybookView(int Id, string Key, string Name, string? DefaultFor,
    IReadOnlyList<PlaybookStepView> Steps,
    DateTimeOffset UpdatedAt, int RowVersion);

public sealed record RunningRelease(int Id, string Title, DateOnly PlannedDate, int RowVersion);

public sealed record PlaybookSummary(int Id, string Key, string Name, string? DefaultFor, int StepCount);
