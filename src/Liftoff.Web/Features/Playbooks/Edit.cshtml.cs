using System.Text.Json;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Playbooks;

/// <summary>Admins and leads edit a playbook: its name and its steps as structured text (JSON).</summary>
[Authorize(Policy = Policies.Lead)]
public sealed class EditModel(PlaybookLibrary library) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public int? Id { get; private set; }

    public string? Message { get; private set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Key { get; set; }

    [BindProperty]
    public string? DefaultFor { get; set; }

    [BindProperty]
    public string? StepsJson { get; set; }

    [BindProperty]
    public int? RowVersion { get; set; }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        Id = id;
        if (id is null)
        {
            StepsJson = JsonSerializer.Serialize(new[] { new PlaybookStepInput("kickoff", "Kick-off", -4, "weeks", 0, ["team:delivery"], null, null, [], "", []) }, Json);
            return Page();
        }
        var p = await library.GetAsync(id.Value);
        if (p is null)
        {
            return NotFound();
        }
        (Name, Key, DefaultFor, RowVersion) = (p.Name, p.Key, p.DefaultFor?.ToLowerInvariant(), p.RowVersion);
        StepsJson = JsonSerializer.Serialize(p.Steps.Select(s => new PlaybookStepInput(s.Key, s.Name, s.OffsetAmount, s.OffsetUnit.ToLowerInvariant(), s.DurationDays,
            s.Owners, s.ConditionField, s.ConditionValue, s.Prerequisites, s.Description, s.Checklist)), Json);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Id = id;
        List<PlaybookStepInput>? steps;
        try
        {
            steps = JsonSerializer.Deserialize<List<PlaybookStepInput>>(StepsJson ?? "[]", Json);
        }
        catch (JsonException e)
        {
            ModelState.AddModelError(nameof(StepsJson), $"The steps are not valid JSON: {e.Message}");
            return Page();
        }
        var input = new PlaybookInput(Key, Name, DefaultFor, steps ?? [], RowVersion);
        var outcome = id is null ? await library.CreateAsync(input) : await library.UpdateAsync(id.Value, input);
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        if (!outcome.IsOk)
        {
            ModelState.Clear();
            outcome.CopyTo(ModelState);
            return Page();
        }
        return Redirect("/Playbooks");
    }
}
