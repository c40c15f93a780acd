using Liftoff.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Tasks;

/// <summary>The signed-in person's open tasks due within seven days, overdue ones first.</summary>
public sealed class MyWeekModel(TaskQueries queries, RolloutPeople people) : PageModel
{
    public IReadOnlyList<(TaskView Task, string ReleaseTitle)> Tasks { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync()
    {
        Today = queries.Today;
        var me = User.UserId();
        var mine = new List<(TaskView, string)>();
        foreach (var (task, title) in await queries.OpenTasksDueByAsync(Today.AddDays(7)))
        {
            if (task.AssigneeUserId == me ||
                (task.AssigneeUserId is null && (await people.OwnerIdsAsync(task.Owners)).Contains(me)))
            {
                mine.Add((task, title));
            }
        }
        Tasks = mine;
    }
}
