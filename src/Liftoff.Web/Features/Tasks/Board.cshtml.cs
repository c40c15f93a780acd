using Liftoff.Domain.Rollout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Tasks;

/// <summary>A team's tasks across all active releases, in columns by status.</summary>
public sealed class BoardModel(TaskQueries queries, RolloutPeople people) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Team { get; set; }

    public IReadOnlyDictionary<string, string> Teams { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<(RolloutTaskStatus Status, IReadOnlyList<(TaskView Task, string ReleaseTitle)> Tasks)> Columns
    {
        get;
        private set;
    } = [];

    public async Task OnGetAsync()
    {
        Teams = await people.TeamNamesAsync();
        Team ??= Teams.Keys.Order(StringComparer.Ordinal).FirstOrDefault();
        if (Team is null || !Teams.ContainsKey(Team))
        {
            return;
        }
        var tasks = await queries.TeamTasksAsync(Team);
        Columns = Enum.GetValues<RolloutTaskStatus>()
            .Select(s => (s, (IReadOnlyList<(TaskView, string)>)tasks.Where(t => t.Task.Status == s).ToList()))
            .ToList();
    }
}
