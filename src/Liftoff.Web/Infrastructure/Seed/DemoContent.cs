using System.Globalization;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Data.Communications;
using Liftoff.Data.Organisation;
using Liftoff.Data.Roadmap;
using Liftoff.Data.Support;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.Releases;
using Liftoff.Web.Features.Roadmap;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Infrastructure.Seed;

/// <summary>
/// What makes the demo workspace show its purpose on a first run: roadmap items on both pages, a backlog
/// of about forty requests across areas (a few written twice in other words, with votes), newsletter
/// contacts who consented, two years of daily ticket counts and a release shipped six days ago whose
/// support surge is under way.
/// </summary>
public sealed class DemoContent(AppDbContext db, CreateRelease planning, RoadmapDefaults roadmap, TimeProvider clock)
{
    private static readonly (string Area, string Title, string Description, int Votes)[] Requests =
    [
        ("Flight planning", "Plan corridor flights along a road or pipeline",
            "Draw a line and get a flight path that follows it with the overlap we need.", 4),
        ("Flight planning", "Follow the terrain height when flying",
            "In hilly areas the ground distance changes too much; the drone should keep its height above ground.", 3),
        ("Flight planning", "Keep a constant altitude above ground in the mountains",
            "Our customers in the Alps get blurry images on slopes because the height is fixed above take-off.", 2),
        ("Flight planning", "Copy a mission to another project",
            "We fly the same quarry every month and have to draw it again each time.", 2),
        ("Flight planning", "Warn before planning a flight into a no-fly zone",
            "Show restricted airspace on the map while drawing.", 3),
        ("Flight planning", "Estimate battery swaps before the flight", "Tell us how many batteries a mission needs.",
            1),
        ("Flight planning", "Plan several drones on one site at once",
            "Split a large area between two or three drones.", 1),
        ("Maps", "Download basemaps for areas without mobile coverage",
            "Field teams lose the map as soon as they are out of coverage.", 3),
        ("Maps", "Show contour lines on the planning map", "", 1),
        ("Maps", "Import our own GeoTIFF as background", "Customers want to plan over their latest orthophoto.", 2),
        ("Maps", "Use a custom coordinate system for Switzerland", "LV95 coordinates in exports and on the map.", 2),
        ("Maps", "Measure areas and distances on the map", "", 1),
        ("Maps", "Dark map style for night operations", "", 0),
        ("Hardware", "Longer battery life", "Flights end after 25 minutes; we need to cover more ground per battery.",
            4),
        ("Hardware", "Batteries that last a full survey", "A 40 hectare site takes three battery changes today.", 2),
        ("Hardware", "Screen readable in direct sunlight", "The ground station display is too dark outdoors.", 3),
        ("Hardware", "Hot-swap batteries without rebooting the drone", "", 1),
        ("Hardware", "Carry case with room for six batteries", "", 1),
        ("Hardware", "Propeller guards for indoor inspections", "", 0),
        ("Hardware", "RTK base station included in the kit", "Ground control points take hours to set up.", 2),
        ("Reports", "Export the flight report as PDF", "Our customers need a signed report for the authorities.", 3),
        ("Reports", "Print-ready mission summary for the client",
            "One page with map, date, pilot and covered area that we can hand over.", 2),
        ("Reports", "Show the flight log per pilot", "Pilots must prove their hours for their licence.", 2),
        ("Reports", "Volume calculation for stockpiles", "", 2),
        ("Reports", "Compare two surveys of the same site", "See what changed between two flights.", 1),
        ("Reports", "Add our company logo to reports", "", 1),
        ("Accounts and licences", "Move a licence to another computer",
            "When a laptop is replaced the licence is stuck on the old one.", 2),
        ("Accounts and licences", "Single sign-on with our Microsoft accounts", "", 2),
        ("Accounts and licences", "Transfer a seat when an employee leaves", "We pay for a seat nobody can use.", 1),
        ("Accounts and licences", "See which licences expire this quarter", "", 1),
        ("Accounts and licences", "Read-only accounts for our clients", "Clients want to see results without editing.",
            1),
        ("Accounts and licences", "Two-factor sign-in", "", 1),
        ("Integrations", "Send finished surveys to our GIS automatically",
            "Upload results to ArcGIS Online when processing ends.", 2),
        ("Integrations", "Webhook when processing is finished", "", 1),
        ("Integrations", "Export point clouds as LAS", "", 2),
        ("Integrations", "Open results directly in AutoCAD", "", 1),
        ("Integrations", "API to create missions from our planning tool", "", 1),
        ("Integrations", "Sync projects with SharePoint", "", 0),
        ("Flight planning", "Pause a mission and continue it the next day",
            "Weather stops us halfway; we want to resume where we left off.", 1),
        ("Maps", "Work offline in the field without a data connection",
            "The app should keep working with no signal at remote sites.", 2),
    ];

    private static readonly (string Title, string Codename, string Page, RoadmapItemStatus Status, string Target,
        string Description)[] Items =
    [
        ("Ground station with a sunlight-readable screen", "Lumen", "hardware", RoadmapItemStatus.Planned, "Q3 2027",
            "A brighter ground station display that stays readable outdoors."),
        ("Battery pack for 45-minute flights", "Stamina", "hardware", RoadmapItemStatus.InDevelopment, "Q2 2027",
            "A new battery cell chemistry for longer surveys."),
        ("RTK base station kit", "Anchor", "hardware", RoadmapItemStatus.Idea, "",
            "Centimetre accuracy without ground control points."),
        ("Terrain-following flight paths", "Contour", "next-software-release", RoadmapItemStatus.InDevelopment, "",
            "Keep the height above ground constant on slopes."),
        ("PDF flight reports", "Ledger", "next-software-release", RoadmapItemStatus.Planned, "",
            "A signed, print-ready report of each mission."),
    ];

    public async Task SeedAsync(string deliveryLeadId, int upcomingReleaseId, int reseller, int customer,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var shipped = await PastReleaseAsync(today.AddDays(-6), ct);
        await roadmap.EnsureAsync(ct);
        await RoadmapAsync(upcomingReleaseId, now, ct);
        var contacts = Contacts(reseller, customer, now);
        db.Contacts.AddRange(contacts);
        await BacklogAsync(contacts, deliveryLeadId, shipped, now, ct);
        TicketHistory(today, shipped.PlannedDate, now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Software 5.1, planned and worked through, shipped on <paramref name="day"/>.</summary>
    private async Task<Data.Rollout.ReleaseEntity> PastReleaseAsync(DateOnly day, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var planned = await planning.CreateAsync(new ReleaseInput("software", "5.1",
            today.AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), SignificantChanges: true,
            ContentSummary: "Corridor mapping and a faster image upload.", Name: "Corridor mapping"), ct);
        var id = planned.Value?.Id ?? throw new InvalidOperationException(
            "The demo's past release could not be planned: " + planned.Message);
        var release = await db.Releases.Include(r => r.Tasks).FirstAsync(r => r.Id == id, ct);
        var shift = day.DayNumber - release.PlannedDate.DayNumber;
        release.PlannedDate = day;
        release.Status = ReleaseStatus.Released;
        release.ReleasedAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        foreach (var task in release.Tasks)
        {
            task.DueDate = task.DueDate.AddDays(shift);
            task.WindowStart = task.WindowStart?.AddDays(shift);
            task.WindowEnd = task.WindowEnd?.AddDays(shift);
            var done = task.DueDate <= today;
            task.Status = done ? RolloutTaskStatus.Done : task.Status;
            task.CompletedAt = done ? new DateTimeOffset(task.DueDate.ToDateTime(new TimeOnly(16, 0)), TimeSpan.Zero)
                : null;
        }
        await db.SaveChangesAsync(ct);
        return release;
    }

    private async Task RoadmapAsync(int upcomingReleaseId, DateTimeOffset now, CancellationToken ct)
    {
        var pages = await db.RoadmapPages.ToDictionaryAsync(p => p.Key, p => p.Id, ct);
        foreach (var item in Items)
        {
            db.RoadmapItems.Add(new RoadmapItem
            {
                PageId = pages[item.Page],
                Title = item.Title,
                Codename = item.Codename,
                DescriptionMarkdown = item.Description,
                Target = item.Target.Length == 0 ? null : item.Target,
                Status = item.Status,
                ReleaseId = item.Page == "next-software-release" ? upcomingReleaseId : null,
                Versions = item.Page == "next-software-release" ? "5.3" : "",
                UpdatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private static List<Contact> Contacts(int reseller, int customer, DateTimeOffset now)
    {
        var people = new (int Org, Audience Audience, string Name, string Email)[]
        {
            (reseller, Audience.Resellers, "Erika Brandt", "erika@northwind.example"),
            (reseller, Audience.Resellers, "Tobias Keller", "tobias@northwind.example"),
            (reseller, Audience.Resellers, "Lea Wagner", "lea@northwind.example"),
            (customer, Audience.Customers, "Marco Rossi", "marco@contoso-mapping.example"),
            (customer, Audience.Customers, "Anna Meier", "anna@contoso-mapping.example"),
            (customer, Audience.Customers, "Luca Frei", "luca@contoso-mapping.example"),
        };
        return people.Select(p => new Contact
        {
            OrganisationId = p.Org,
            Audience = p.Audience,
            Name = p.Name,
            Email = p.Email,
            NormalizedEmail = Email.EmailAddresses.Normalise(p.Email),
            Consent = true,
            CreatedAt = now,
        }).ToList();
    }

    private async Task BacklogAsync(List<Contact> contacts, string userId, Data.Rollout.ReleaseEntity shipped,
        DateTimeOffset now,
        CancellationToken ct)
    {
        var areas = Requests.Select(r => r.Area).Distinct().Select(a => new ProductArea { Name = a }).ToList();
        foreach (var area in areas.Where(a => !db.ProductAreas.Any(p => p.Name == a.Name)))
        {
            db.ProductAreas.Add(area);
        }
        await db.SaveChangesAsync(ct);
        var areaIds = await db.ProductAreas.ToDictionaryAsync(a => a.Name, a => a.Id, ct);
        var voters = contacts.Where(c => c.OrganisationId is not null).ToList();
        for (var i = 0; i < Requests.Length; i++)
        {
            var (area, title, description, votes) = Requests[i];
            var created = now.AddDays(-(Requests.Length - i) * 9);
            var request = new FeatureRequest
            {
                Title = title,
                Description = description,
                AreaId = areaIds[area],
                Status = (i % 7) switch
                {
                    0 => FeatureRequestStatus.UnderReview,
                    3 => FeatureRequestStatus.Planned,
                    _ => FeatureRequestStatus.New,
                },
                CreatedAt = created,
                UpdatedAt = created,
                CreatedByUserId = userId,
                WrittenByOrganisationId = voters[i % voters.Count].OrganisationId,
            };
            if (i == 0)
            {
                request.Status = FeatureRequestStatus.Released;
                request.ReleaseId = shipped.Id;
            }
            for (var v = 0; v < votes; v++)
            {
                var contact = voters[(i + v) % voters.Count];
                request.Votes.Add(new RequestVote
                {
                    OrganisationId = contact.OrganisationId!.Value,
                    ContactEmail = contact.Email,
                    ContactName = contact.Name,
                    CreatedAt = created.AddDays(v),
                    RecordedByUserId = userId,
                });
            }
            db.FeatureRequests.Add(request);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Two years of daily tickets by email and phone: fewer at weekends, a little more in winter, noise,
    /// and after each quarterly release (5.1 among them) a surge that fades over two weeks.
    /// </summary>
    private void TicketHistory(DateOnly today, DateOnly shippedOn, DateTimeOffset now)
    {
        var random = new Random(20261205);
        var releases = Enumerable.Range(1, 8).Select(q => shippedOn.AddDays(-91 * q)).Append(shippedOn).ToList();
        for (var day = today.AddDays(-730); day < today; day = day.AddDays(1))
        {
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var season = 1 + (0.12 * Math.Cos((day.DayOfYear - 15) / 365.0 * 2 * Math.PI));
            var after = releases.Where(r => r <= day && day.DayNumber - r.DayNumber < 14)
                .Select(r => day.DayNumber - r.DayNumber).DefaultIfEmpty(-1).Min();
            var surge = after < 0 ? 1 : 1 + (0.6 * Math.Exp(-after / 5.0));
            foreach (var (channel, baseline) in new[] { ("email", 34.0), ("phone", 14.0) })
            {
                var expected = baseline * (weekend ? 0.25 : 1) * season * surge;
                var count = Math.Max(0, (int)Math.Round(expected + (random.NextDouble() - 0.5) * 0.3 * expected));
                db.TicketVolumes.Add(new TicketVolumeEntity
                {
                    Date = day,
                    Channel = channel,
                    Count = count,
                    Source = "demo",
                    UpdatedAt = now
                });
            }
        }
    }
}
