using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features.Playbooks;

public sealed class IndexModel(PlaybookLibrary library) : PageModel
{
    public IReadOnlyList<PlaybookView> Playbooks { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var list = new List<PlaybookView>();
        foreach (var p in await library.ListAsync())
        {
            list.Add((await library.GetAsync(p.Id))!);
        }
        Playbooks = list;
    }
}
