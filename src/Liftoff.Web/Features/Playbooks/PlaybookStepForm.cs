using System.Globalization;

namespace Liftoff.Web.Features.Playbooks;

/// <summary>
/// One step row of the playbook form. Numbers are text so that a typo gets a message next to its
/// field rather than a binding error; the offset is entered as amount, unit and direction.
/// </summary>
public sealed class PlaybookStepForm
{
    public const string Before = "before";
    public const string After = "after";

    public string? Key { get; set; }

    public string? Name { get; set; }

    public string? OffsetAmount { get; set; }

    public string? OffsetUnit { get; set; } = "days";

    public string? OffsetDirection { get; set; } = Before;

    public string? DurationDays { get; set; }

    public List<string> Owners { get; set; } = [];

    /// <summary>"" for always, otherwise "Field=value" (see <see cref="Conditions"/>).</summary>
    public string? Condition { get; set; }

    public List<string> Prerequisites { get; set; } = [];

    public string? Description { get; set; }

    /// <summary>One checklist item per line.</summary>
    public string? Checklist { get; set; }

    /// <summary>The conditions a step can carry, as offered in the form.</summary>
    public static IReadOnlyList<(string Value, string Label)> Conditions { get; } =
    [
        ("", "Always"),
        ("SignificantChanges=true", "Only if the release has significant changes for users"),
        ("SignificantChanges=false", "Only if the release has no significant changes"),
        ("Product=software", "Only for software releases"),
        ("Product=hardware", "Only for hardware releases"),
    ];

    public static PlaybookStepForm From(PlaybookStepView s) => new()
    {
        Key = s.Key,
        Name = s.Name,
        OffsetAmount = Math.Abs(s.OffsetAmount).ToString(CultureInfo.InvariantCulture),
        OffsetUnit = s.OffsetUnit.ToLowerInvariant(),
        OffsetDirection = s.OffsetAmount > 0 ? After : Before,
        DurationDays = s.DurationDays.ToString(CultureInfo.InvariantCulture),
        Owners = s.Owners.ToList(),
        Condition = s.ConditionField is null ? "" : $"{s.ConditionField}={s.ConditionValue}",
        Prerequisites = s.Prerequisites.ToList(),
        Description = s.Description,
        Checklist = string.Join("\n", s.Checklist),
    };

    /// <summary>Turns the row into the playbook input the library validates; number typos are reported here.</summary>
    public PlaybookStepInput ToInput(string field, Dictionary<string, string[]> errors)
    {
        var amount = 0;
        if (!string.IsNullOrWhiteSpace(OffsetAmount) && !int.TryParse(OffsetAmount.Trim(), NumberStyles.None,
            CultureInfo.InvariantCulture, out amount))
        {
            errors[$"{field}.Offset"] =
                [$"The offset '{OffsetAmount}' must be a whole number of days or weeks (0 for the release day)."];
        }
        var duration = 0;
        if (!string.IsNullOrWhiteSpace(DurationDays) && !int.TryParse(DurationDays.Trim(), NumberStyles.None,
            CultureInfo.InvariantCulture, out duration))
        {
            errors[$"{field}.DurationDays"] =
                [$"The duration '{DurationDays}' must be a whole number of days (0 for a single day)."];
        }
        var signed = OffsetDirection == After ? amount : -amount;
        var (conditionField, conditionValue) = SplitCondition(Condition);
        return new PlaybookStepInput(Key, Name, signed, OffsetUnit, duration, Owners, conditionField, conditionValue,
            Prerequisites, Description, (Checklist ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)
                .ToList());
    }

    private static (string? Field, string? Value) SplitCondition(string? condition)
    {
        if (string.IsNullOrWhiteSpace(condition))
        {
            return (null, null);
        }
        var at = condition.IndexOf('=', StringComparison.Ordinal);
        return at < 0 ? (condition, "") : (condition[..at], condition[(at + 1)..]);
    }
}
