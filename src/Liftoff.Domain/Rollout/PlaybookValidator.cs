namespace Liftoff.Domain.Rollout;

/// <summary>Checks a playbook before it is saved or used; every problem is reported, not just the first.</summary>
public static class PlaybookValidator
{
    public const int MaxDurationDays = 366;

    public static IReadOnlyList<FieldError> Validate(Playbook playbook)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(playbook.Name))
        {
            errors.Add(new("Name", "The playbook needs a name."));
        }
        if (playbook.Steps.Count == 0)
        {
            errors.Add(new("Steps", "The playbook needs at least one step."));
            return errors;
        }

        var firstIndexByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < playbook.Steps.Count; i++)
        {
            var key = playbook.Steps[i].Key;
            if (string.IsNullOrWhiteSpace(key))
            {
                errors.Add(new($"Steps[{i}].Key", "Every step needs a key."));
            }
            else if (!firstIndexByKey.TryAdd(key, i))
            {
                errors.Add(new($"Steps[{i}].Key",
                    $"The key '{key}' is already used by step {firstIndexByKey[key] + 1}."));
            }
        }

        for (var i = 0; i < playbook.Steps.Count; i++)
        {
            ValidateStep(playbook.Steps[i], $"Steps[{i}]", firstIndexByKey, errors);
        }

        foreach (var cycle in PrerequisiteCycles(playbook.Steps, firstIndexByKey))
        {
            errors.Add(new($"Steps[{firstIndexByKey[cycle[0]]}].Prerequisites",
                $"Prerequisites form a cycle: {string.Join(" → ", cycle)}."));
        }
        return errors;
    }

    private static void ValidateStep(PlaybookStep step, string field, Dictionary<string, int> keys,
        List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(step.Name))
        {
            errors.Add(new($"{field}.Name", "Every step needs a name."));
        }
        if (Math.Abs(step.Offset.TotalDays) > StepOffset.LimitDays)
        {
            errors.Add(new($"{field}.Offset",
                $"The offset {step.Offset.Describe()} is more than {StepOffset.LimitDays} days " +
                "from the release date."));
        }
        if (step.DurationDays < 0)
        {
            errors.Add(new($"{field}.DurationDays", $"The duration cannot be negative (got {step.DurationDays})."));
        }
        else if (step.DurationDays > MaxDurationDays)
        {
            errors.Add(new($"{field}.DurationDays", $"The duration cannot be longer than {MaxDurationDays} days."));
        }
        if (step.Owners.Count == 0)
        {
            errors.Add(new($"{field}.Owners", "Every step needs at least one owner."));
        }
        else if (step.Owners.Any(o => string.IsNullOrWhiteSpace(o.TeamKey)))
        {
            errors.Add(new($"{field}.Owners", "Every owner needs a team key."));
        }
        if (step.Condition?.Problem() is { } problem)
        {
            errors.Add(new($"{field}.Condition", problem));
        }
        foreach (var unknown in step.Prerequisites.Where(p => !keys.ContainsKey(p)).Distinct())
        {
            errors.Add(new($"{field}.Prerequisites", $"The prerequisite '{unknown}' is not a step of this playbook."));
        }
    }

    /// <summary>Each distinct cycle once, as keys starting and ending with the same step.</summary>
    private static List<List<string>> PrerequisiteCycles(IReadOnlyList<PlaybookStep> steps,
        Dictionary<string, int> keys)
    {
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the path, true: finished
        var path = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<List<string>>();

        void Visit(string key)
        {
            state[key] = false;
            path.Add(key);
            foreach (var next in steps[keys[key]].Prerequisites.Where(keys.ContainsKey))
            {
                if (!state.TryGetValue(next, out var finished))
                {
                    Visit(next);
                }
                else if (!finished)
                {
                    var cycle = path.Skip(path.IndexOf(next)).Append(next).ToList();
                    if (seen.Add(string.Join("|", cycle.Skip(1).Order(StringComparer.Ordinal))))
                    {
                        cycles.Add(cycle);
                    }
                }
            }
            path.RemoveAt(path.Count - 1);
            state[key] = true;
        }

        foreach (var key in keys.Keys)
        {
            if (!state.ContainsKey(key))
            {
                Visit(key);
            }
        }
        return cycles;
    }
}
