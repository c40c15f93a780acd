using System.Globalization;
using System.Security.Cryptography;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.KnowledgeBase;
using Liftoff.Data.Organisation;
using Liftoff.Data.ReleaseNotes;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Features.KnowledgeBase;
using Liftoff.Web.Features.Playbooks;
using Liftoff.Web.Features.ReleaseNotes;
using Liftoff.Web.Features.Releases;
using Liftoff.Web.Features.Tasks;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Infrastructure.Seed;

public sealed record SeededUser(string Email, string DisplayName, string Role, string Password);

public sealed record SeedResult(IReadOnlyList<SeededUser> Users);

/// <summary>Creates the demo workspace of the rollout process on an empty database.</summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<AppUser> users, RoleManager<IdentityRole> roles,
    TimeProvider clock, IServiceProvider services)
{
    public const string DeliveryResponsibilities = "Rollout planning, testing and rollout.";
    public const string CustomerSuccessResponsibilities =
        "Reseller/customer announcement and rollout to customer teams.";

    /// <summary>Returns the created users with their generated passwords, or null when the database already has
    /// users.</summary>
    public async Task<SeedResult?> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        await EnsureRolesAsync();
        if (await db.Users.AnyAsync(ct))
        {
            return null;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var reseller = new OrganisationEntity
        {
            Name = "Northwind Survey Partners",
            Kind = OrganisationKind.Reseller,
            Segment = "Reseller",
            Tier = "Gold",
            Country = "DE",
            CreatedAt = now
        };
        var customer = new OrganisationEntity
        {
            Name = "Contoso Mapping",
            Kind = OrganisationKind.Customer,
            Segment = "Enterprise",
            Tier = "Large",
            Country = "CH",
            CreatedAt = now
        };
        db.Organisations.AddRange(reseller, customer);
        await db.SaveChangesAsync(ct);

        var seeded = new List<SeededUser>();
        async Task<AppUser> Add(string email, string name, string role, int? organisationId = null)
        {
            var password = GeneratePassword();
            var user = new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = name,
                OrganisationId = organisationId,
                CreatedAt = now
            };
            Check(await users.CreateAsync(user, password));
            Check(await users.AddToRoleAsync(user, role));
            seeded.Add(new SeededUser(email, name, role, password));
            return user;
        }

        await Add("admin@liftoff.local", "Administrator", Roles.Admin);
        var youssef = await Add("youssef@liftoff.local", "Youssef", Roles.Lead);
        var julian = await Add("julian@liftoff.local", "Julian", Roles.Lead);
        var staff = await Add("sam@liftoff.local", "Sam (Customer Success)", Roles.Staff);
        await Add("erika@northwind.example", "Erika (Northwind)", Roles.External, reseller.Id);

        db.Teams.Add(NewTeam("delivery", "Delivery", DeliveryResponsibilities, youssef, now));
        var cs = NewTeam("customer-success", "Customer Success", CustomerSuccessResponsibilities, julian, now);
        cs.Members.Add(new TeamMember { UserId = staff.Id, AddedAt = now });
        db.Teams.Add(cs);
        await db.SaveChangesAsync(ct);
        var (releaseId, nextId) = await SeedReleasesAsync(youssef.Id, ct);
        await SeedNotesAndKnowledgeBaseAsync(releaseId, youssef.Id, julian.Id, ct);
        await services.GetRequiredService<DemoContent>().SeedAsync(youssef.Id, nextId, reseller.Id, customer.Id, ct);
        await tx.CommitAsync(ct);
        return new SeedResult(seeded);
    }

    /// <summary>
    /// The default playbook and two releases with their plans, so the first start shows a living
    /// timeline: one significant release in its "2 weeks before" phase with work done and work
    /// overdue, and one ordinary release further out.
    /// </summary>
    private async Task<(int Significant, int Next)> SeedReleasesAsync(string leadUserId, CancellationToken ct)
    {
        await services.GetRequiredService<PlaybookLibrary>().EnsureDefaultAsync(ct);
        var planning = services.GetRequiredService<CreateRelease>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var significant = await planning.CreateAsync(new ReleaseInput("software", "5.2",
            today.AddDays(12).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            SignificantChanges: true,
                ContentSummary: "New flight planning workflow and offline maps; changes what field users see.",
                    Name: "Flight planning"), ct);
        var next = await planning.CreateAsync(new ReleaseInput("software", "5.3",
            today.AddDays(45).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            SignificantChanges: false, ContentSummary: "Bug fixes and performance improvements.",
                Name: "Winter refresh"), ct);
        if (significant.Value is not { } release)
        {
            throw new InvalidOperationException("The demo release could not be planned: " + significant.Message);
        }
        var work = services.GetRequiredService<RolloutTaskWork>();
        foreach (var (key, status) in new[] { (DefaultPlaybook.ContentDiscussion, "done"),
            (DefaultPlaybook.InternalNotesReview, "done"), (DefaultPlaybook.DeliveryRollout, "inprogress") })
        {
            var task = release.Tasks.First(t => t.StepKey == key);
            await work.SetStatusAsync(task.Id, new TaskStatusInput(status), leadUserId, ct);
        }
        return (release.Id, next.Value?.Id ?? release.Id);
    }

    /// <summary>
    /// Release notes for 5.2 approved by both leads, and its announcement published in the knowledge
    /// base (which completes the release's KB announcement task), so the communication pages are not empty.
    /// </summary>
    private async Task SeedNotesAndKnowledgeBaseAsync(int releaseId, string deliveryLeadId,
        string customerSuccessLeadId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var notes = new ReleaseNotesEntity
        {
            ReleaseId = releaseId,
            CustomerMarkdown =
                "- Plan flights step by step with the new flight planning workflow.\n- Download maps before a " +
                    "mission and work without a connection.",
            CustomerImpactMarkdown =
                "Field users see a new planning screen after the update. Existing flight plans open unchanged.",
            DeliveryApprovedByUserId = deliveryLeadId,
            DeliveryApprovedAt = now,
            CustomerSuccessApprovedByUserId = customerSuccessLeadId,
            CustomerSuccessApprovedAt = now,
            UpdatedAt = now,
            UpdatedByUserId = customerSuccessLeadId,
        };
        var items = new (string Text, bool External)[]
        {
            ("New flight planning workflow replaces the old wizard.", true),
            ("Offline maps: download map areas before a mission.", true),
            ("Map tile cache moved to the new storage service; watch disk usage on the first days.", false),
        };
        for (var i = 0; i < items.Length; i++)
        {
            notes.Items.Add(new ReleaseNoteItem
            {
                Position = i + 1,
                Text = items[i].Text,
                IsExternal = items[i].External,
                CreatedAt = now
            });
        }
        db.ReleaseNotes.Add(notes);
        await db.SaveChangesAsync(ct);

        var body = ReleaseNotesText.CustomerFacing(notes);
        var article = await services.GetRequiredService<KbEditing>()
            .CreateAsync(new KbArticleInput("Software 5.2: release notes", body, KbAudience.Public, releaseId),
                customerSuccessLeadId, ct);
        if (article.Value is not { } created)
        {
            throw new InvalidOperationException("The demo article could not be created: " + article.Message);
        }
        var published = await services.GetRequiredService<KbPublishing>()
            .PublishAsync(created.Id, created.RowVersion, customerSuccessLeadId, ct);
        if (published.Value is not { Version: not null })
        {
            throw new InvalidOperationException("The demo article could not be published.");
        }
    }

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }
    }

    public static void PrintCredentials(SeedResult result, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("Liftoff demo workspace created. These passwords are shown only once:");
        foreach (var u in result.Users)
        {
            output.WriteLine($"  {u.Role,-9} {u.Email,-28} {u.Password}");
        }
        output.WriteLine();
    }

    /// <summary>20 random letters and digits, at least one of each kind the password rules ask for.</summary>
    public static string GeneratePassword()
    {
        const string letters = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        var chars = RandomNumberGenerator.GetItems<char>(letters + digits, 18).ToList();
        chars.Insert(RandomNumberGenerator.GetInt32(chars.Count + 1),
            digits[RandomNumberGenerator.GetInt32(digits.Length)]);
        chars.Insert(RandomNumberGenerator.GetInt32(chars.Count + 1), letters[RandomNumberGenerator.GetInt32(25)]);
        return new string([.. chars]);
    }

    private static Team NewTeam(string key, string name, string responsibilities, AppUser lead, DateTimeOffset now)
    {
        var team = new Team { Key = key, Name = name, Responsibilities = responsibilities, LeadUserId = lead.Id };
        team.Members.Add(new TeamMember { UserId = lead.Id, AddedAt = now });
        team.LeadChanges.Add(new TeamLeadChange { NewLeadUserId = lead.Id, ChangedAt = now });
        return team;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
