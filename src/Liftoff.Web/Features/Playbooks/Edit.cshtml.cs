using System.Globalization;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Playbooks;

/// <summary>
/// Admins and leads edit a playbook: its name and one form row per step. Adding, removing and
/// reordering rows are post-backs that change only the form; "Save" validates and stores.
/// </summary>
[Authorize(Policy = Policies.Lead)]
public sealed class EditModel(PlaybookLibrary library, RolloutPeople people) : PageModel
{
    public int? Id { get; private set; }

    public string? Message { get; private set; }

    /// <summary>Owner choices: each team and each team's lead.</summary>
    public IReadOnlyList<(string Value, string Label)> OwnerChoices { get; private set; } = [];

    /// <summary>Running releases planned from this playbook, which keep their tasks until applied.</summary>
    public IReadOnlyList<RunningRelease> Running { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Key { get; set; }

    [BindProperty]
    public string? DefaultFor { get; set; }

    [BindProperty]
    public List<PlaybookStepForm> Steps { get; set; } = [];

    [BindProperty]
    public int? RowVersion { get; set; }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        Id = id;
        if (id is not null)
        {
            var p = await library.GetAsync(id.Value);
            if (p is null)
            {
                return NotFound();
            }
            (Name, Key, DefaultFor, RowVersion) = (p.Name, p.Key, p.DefaultFor?.ToLowerInvariant(), p.RowVersion);
            Steps = p.Steps.Select(PlaybookStepForm.From).ToList();
            Running = await library.RunningReleasesAsync(id.Value);
        }
        else
        {
            Steps =
            [
                new PlaybookStepForm
                {
                    Key = "kickoff",
                    Name = "Kick-off",
                    OffsetAmount = "4",
                    OffsetUnit = "weeks",
                    Owners = ["team:delivery"],
                },
            ];
        }
        await LoadChoicesAsync();
        return Page();
    }

    /// <summary>Add, remove or move a row ("add", "remove:3", "up:3", "down:3"); nothing is stored.</summary>
    public async Task<IActionResult> OnPostRowsAsync(int? id, string? command)
    {
        Id = id;
        ModelState.Clear();
        var (verb, index) = ParseCommand(command);
        switch (verb)
        {
            case "add":
                Steps.Add(new PlaybookStepForm { Key = NewKey(), OffsetAmount = "0" });
                break;
            case "remove" when index >= 0 && index < Steps.Count:
                var removed = Steps[index].Key;
                Steps.RemoveAt(index);
                // A prerequisite on a removed step would only produce an error on save.
                foreach (var s in Steps)
                {
                    s.Prerequisites.RemoveAll(p => p == removed);
                }
                break;
            case "up" when index > 0 && index < Steps.Count:
                (Steps[index - 1], Steps[index]) = (Steps[index], Steps[index - 1]);
                break;
            case "down" when index + 1 < Steps.Count:
                (Steps[index + 1], Steps[index]) = (Steps[index], Steps[index + 1]);
                break;
            default:
                break;
        }
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Id = id;
        var errors = new Dictionary<string, string[]>();
        var steps = Steps.Select((s, i) => s.ToInput($"Steps[{i}]", errors)).ToList();
        var input = new PlaybookInput(Key, Name, DefaultFor, steps, RowVersion);
        Outcome<PlaybookView> outcome;
        if (errors.Count > 0)
        {
            // Report number typos together with every other problem, and store nothing.
            var parsed = PlaybookLibrary.Parse(input);
            var typos = errors.Where(e => !parsed.HasError(e.Key))
                .SelectMany(e => e.Value.Select(m => new FieldError(e.Key, m)));
            outcome = Outcome<PlaybookView>.Invalid(parsed.Errors.Concat(typos));
        }
        else
        {
            outcome = id is null ? await library.CreateAsync(input) : await library.UpdateAsync(id.Value, input);
        }
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        ModelState.Clear();
        if (!outcome.IsOk)
        {
            outcome.CopyTo(ModelState);
            if (id is not null)
            {
                Running = await library.RunningReleasesAsync(id.Value);
            }
            await LoadChoicesAsync();
            return Page();
        }
        var saved = outcome.Value!;
        Id = saved.Id;
        (Name, Key, DefaultFor, RowVersion) =
            (saved.Name, saved.Key, saved.DefaultFor?.ToLowerInvariant(), saved.RowVersion);
        Steps = saved.Steps.Select(PlaybookStepForm.From).ToList();
        Running = await library.RunningReleasesAsync(saved.Id);
        Message = Running.Count == 0
            ? "Playbook saved."
            : $"Playbook saved. {Plural.Count(Running.Count, "running release")} planned from it " +
                $"{(Running.Count == 1 ? "keeps its" : "keep their")} current tasks; " +
                "apply the playbook to each one below when you want the change there.";
        await LoadChoicesAsync();
        return Page();
    }

    /// <summary>Other steps a row may wait for, by key and name.</summary>
    public IEnumerable<(string Key, string Label)> PrerequisiteChoices(int index) =>
        Steps.Select((s, i) => (s, i))
            .Where(x => x.i != index && !string.IsNullOrWhiteSpace(x.s.Key))
            .Select(x => (x.s.Key!.Trim(), string.IsNullOrWhiteSpace(x.s.Name)
                ? x.s.Key!.Trim()
                : $"{x.s.Name!.Trim()} ({x.s.Key!.Trim()})"))
            .DistinctBy(x => x.Item1);

    private async Task LoadChoicesAsync()
    {
        var teams = await people.TeamNamesAsync();
        var choices = teams.OrderBy(t => t.Value, StringComparer.OrdinalIgnoreCase)
            .SelectMany(t => new[] { ($"team:{t.Key}", $"{t.Value} (team)"), ($"lead:{t.Key}", $"Lead of {t.Value}") })
            .ToList();
        // Owners that name a team no longer in the workspace stay visible instead of silently vanishing.
        foreach (var unknown in Steps.SelectMany(s => s.Owners).Distinct().Where(o => choices.All(c => c.Item1 != o)))
        {
            choices.Add((unknown, $"{unknown} (unknown team)"));
        }
        OwnerChoices = choices;
    }

    private string NewKey()
    {
        for (var n = Steps.Count + 1; ; n++)
        {
            var key = $"step-{n.ToString(CultureInfo.InvariantCulture)}";
            if (Steps.All(s => s.Key != key))
            {
                return key;
            }
        }
    }

    private static (string Verb, int Index) ParseCommand(string? command)
    {
        var parts = (command ?? "").Split(':', 2);
        var index = parts.Length == 2 &&
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1;
        return (parts[0], index);
    }
}
