using System.Security.Claims;
using Liftoff.Data.Identity;

namespace Liftoff.Web.Infrastructure.Web;

/// <summary>One link of the navigation; an <paramref name="Exact"/> link is current only on its own path, not below
/// it.</summary>
public sealed record NavLink(string Label, string Href, bool Exact = false);

/// <summary>A top-level area: its own link, the pages under it and the paths that belong to it.</summary>
public sealed record NavArea(string Label, string Href, IReadOnlyList<NavLink> Pages, IReadOnlyList<string> Paths);

/// <summary>
/// The navigation by area: at most seven top-level entries, each with its own pages. Which areas a person
/// sees follows their role; External users see only the portal.
/// </summary>
public static class Navigation
{
    public static IReadOnlyList<NavArea> For(ClaimsPrincipal user)
    {
        var staff = user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Lead) || user.IsInRole(Roles.Staff);
        if (!staff)
        {
            return user.Identity?.IsAuthenticated == true
                ? [new NavArea("Portal", "/Portal", [new("Portal", "/Portal"),
                    new("Feature requests", "/Portal/Requests"),
                    new("Knowledge base", "/Portal/Kb")], ["/Portal"])]
                : [];
        }
        var lead = user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Lead);
        var areas = new List<NavArea>
        {
            new("Home", "/", [new("Waiting for you", "/"), new("My week", "/Tasks/MyWeek")], ["/Tasks/MyWeek"]),
            new("Releases", "/Releases",
                [new("All releases", "/Releases"), new("Team board", "/Tasks/Board"), new("Playbooks", "/Playbooks"),
                    new("Calendar feeds", "/Calendar")],
                ["/Releases", "/Tasks", "/Playbooks", "/Calendar"]),
            new("Backlog", "/Backlog/Priorities",
                Pages(
                    new("Prioritised backlog", "/Backlog/Priorities"), new("Record a request", "/Backlog", Exact: true),
                    new("Link to roadmap", "/Backlog/RoadmapLinks"), new("Import a sheet", "/Backlog/Import"),
                    new("Import a survey", "/Backlog/Survey"), lead ? new("Weights", "/Backlog/Weights") : null,
                    lead ? new("Product areas", "/Backlog/Areas") : null, new("Portal as customers see it", "/Portal")),
                ["/Backlog", "/Portal"]),
            new("Roadmap", "/Roadmap",
                [new("Roadmap", "/Roadmap"), new("External statements", "/Roadmap/Statements"),
                    new("Disclosure check", "/Disclosure"), new("Override requests", "/Disclosure/Requests")],
                ["/Roadmap", "/Disclosure"]),
            new("Communications", "/Communications",
                [new("Newsletters", "/Communications"), new("Contacts", "/Communications/Contacts"),
                    new("Suppression list", "/Communications/Suppressions"), new("Knowledge base", "/KnowledgeBase"),
                    new("Resellers and customers", "/Organisations")],
                ["/Communications", "/KnowledgeBase", "/Organisations", "/LendingShop"]),
            new("Support", "/Support", [new("Support load", "/Support"),
                new("Import ticket counts", "/Support/Import")],
                ["/Support"]),
        };
        if (user.IsInRole(Roles.Admin))
        {
            areas.Add(new("Admin", "/Users",
                [new("Users", "/Users"), new("Teams", "/Teams"), new("Audit log", "/Audit"),
                    new("Working calendar", "/Workspace/Calendar"),
                        new("Lending-shop settings", "/LendingShop/Settings")],
                ["/Users", "/Teams", "/Audit", "/Workspace", "/LendingShop/Settings"]));
        }
        else
        {
            areas[1] = areas[1] with
            {
                Pages = [.. areas[1].Pages, new("Teams", "/Teams")],
                Paths = [.. areas[1].Paths, "/Teams"]
            };
        }
        return areas;
    }

    /// <summary>The area a path belongs to: the one with the longest matching path prefix; Home for the rest.</summary>
    public static NavArea? Current(IReadOnlyList<NavArea> areas, string path)
    {
        NavArea? best = null;
        var length = -1;
        foreach (var area in areas)
        {
            foreach (var prefix in area.Paths)
            {
                if (Under(path, prefix) && prefix.Length > length)
                {
                    (best, length) = (area, prefix.Length);
                }
            }
        }
        return best ?? areas.FirstOrDefault(a => a.Href == "/");
    }

    /// <summary>The page link to mark as current: the longest one the path is under (exact match for "/").</summary>
    public static NavLink? CurrentPage(NavArea area, string path) =>
        area.Pages.Where(p => p.Href == "/" || p.Exact ? path.Equals(p.Href, StringComparison.OrdinalIgnoreCase)
            : Under(path, p.Href))
            .MaxBy(p => p.Href.Length);

    private static bool Under(string path, string prefix) =>
        path.Equals(prefix, StringComparison.OrdinalIgnoreCase)
        || (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && path.Length > prefix.Length
            && path[prefix.Length] == '/');

    private static NavLink[] Pages(params NavLink?[] links) => [.. links.OfType<NavLink>()];
}
