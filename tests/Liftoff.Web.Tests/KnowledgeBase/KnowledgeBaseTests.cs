using System.Net;
using System.Xml.Linq;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.Organisation;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Liftoff.Web.Tests.KnowledgeBase.KbTestSupport;

namespace Liftoff.Web.Tests.KnowledgeBase;

public sealed class KnowledgeBaseTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..(prefix.Length + 9)];

    [Fact]
    public async Task Publish_EditAndRollback_KeepsEveryVersionWithDiffAndReadersSeeTheRolledBackText()
    {
        var staff = await factory.SignedInClientAsync(Roles.Staff);
        var title = Unique("Exporting reports");
        var id = await CreateArticleAsync(staff, title, "Open the report.\nChoose **Export**.\nPick a format.");
        var v1 = await PublishAsync(staff, id);
        await SaveDraftAsync(staff, id, title, "Open the report.\nChoose **Export all**.\nPick a format.");
        var v2 = await PublishAsync(staff, id);

        var diff = WebUtility.HtmlDecode(await staff.GetStringAsync($"/KnowledgeBase/{id}/Diff?from=1&to=2"));
        var rollback = await PostAsync(staff, $"/KnowledgeBase/{id}?handler=Rollback&version=1", new(),
            $"/KnowledgeBase/{id}");
        var reader = await factory.CreateClient().GetStringAsync($"/Portal/Kb/{id}");

        Assert.Contains("Published as version 1.", v1);
        Assert.Contains("Published as version 2.", v2);
        Assert.Matches(
            "diff-removed\"><td><span aria-label=\"removed\">−</span></td>" +
            "<td><code>Choose \\*\\*Export\\*\\*.</code>", diff);
        Assert.Matches(
            "diff-added\"><td><span aria-label=\"added\">\\+</span></td>" +
            "<td><code>Choose \\*\\*Export all\\*\\*.</code>", diff);
        Assert.Contains("Published as version 3.", rollback);
        Assert.Contains("Rollback to version 1", rollback);
        Assert.Contains("<strong>Export</strong>", reader);
        Assert.DoesNotContain("Export all", reader);
        var versions = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .KbArticleVersions.Where(v => v.ArticleId == id).OrderBy(v => v.Number).Select(v => v.BodyMarkdown)
                .ToListAsync());
        Assert.Equal(3, versions.Count);
        Assert.Equal(versions[0], versions[2]);
        Assert.Contains("Export all", versions[1]);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/KnowledgeBase/{id}/Diff?from=1&to=9"))
            .StatusCode);
    }

    [Fact]
    public async Task Publish_ArticleAnnouncingARelease_FirstCompletesAnnouncementThenIteration()
    {
        var staff = await factory.SignedInClientAsync(Roles.Staff);
        var releaseId = await CreateReleaseAsync(factory);
        await MarkTasksDoneAsync(factory, releaseId, DefaultPlaybook.ContentDiscussion,
            DefaultPlaybook.InternalNotesReview);
        var title = Unique("New planning workflow");
        var id = await CreateArticleAsync(staff, title, "Plan flights step by step.", releaseId: releaseId);

        await PublishAsync(staff, id);
        var afterFirst = (await TaskStatusAsync(factory, releaseId, DefaultPlaybook.KbAnnouncement),
            await TaskStatusAsync(factory, releaseId, DefaultPlaybook.KbIteration));
        await SaveDraftAsync(staff, id, title, "Plan flights step by step. Saved plans open unchanged.");
        await PublishAsync(staff, id);

        Assert.Equal((RolloutTaskStatus.Done, RolloutTaskStatus.Todo), afterFirst);
        Assert.Equal(RolloutTaskStatus.Done, await TaskStatusAsync(factory, releaseId, DefaultPlaybook.KbIteration));
    }

    [Fact]
    public async Task Publish_CodenameInVisibleTextOrHiddenMarkdown_IsBlockedAndNothingIsPublished()
    {
        await AddRoadmapSecretAsync(factory);
        var staff = await factory.SignedInClientAsync(Roles.Staff);
        var visible = await CreateArticleAsync(staff, Unique("Exports"),
            $"Exports get faster, and {SecretCodename} follows.");
        var hidden = await CreateArticleAsync(staff, Unique("Imports"),
            $"Imports are faster.\n\n<!-- next: {SecretCodename} -->\n\n[details](https://example.com " +
                $"\"{SecretCodename}\")");

        var first = await PublishAsync(staff, visible);
        var second = await PublishAsync(staff, hidden);

        Assert.Contains("Blocked: the disclosure check found passages", first);
        Assert.Contains($">{SecretCodename}</mark>", first);
        Assert.Contains("Blocked: the disclosure check found passages", second);
        Assert.Contains($">{SecretCodename}</mark>", second);
        var published = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .KbArticleVersions.CountAsync(v => v.ArticleId == visible || v.ArticleId == hidden));
        Assert.Equal(0, published);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/Portal/Kb/{visible}"))
            .StatusCode);
    }

    [Fact]
    public async Task Search_MatchesEveryWordAnywhereIgnoringCase_AndTakesWildcardsLiterally()
    {
        var staff = await factory.SignedInClientAsync(Roles.Staff);
        var tag = Guid.NewGuid().ToString("N")[..10];
        var both = await CreateArticleAsync(staff, $"Faster EXPORTS {tag}", "Reports reach 100% of the printers.",
            "Public");
        var one = await CreateArticleAsync(staff, $"Exports {tag}", "Reports print in colour.", "Public");
        await PublishAsync(staff, both);
        await PublishAsync(staff, one);
        var reader = factory.CreateClient();

        var words = await reader.GetStringAsync($"/Portal/Kb?Q=exports+PRINTERS+{tag}");
        var percent = await reader.GetStringAsync($"/Portal/Kb?Q={tag}+100%25");
        var wildcard = await reader.GetStringAsync($"/Portal/Kb?Q={tag}+10_%25");
        var staffWords = await staff.GetStringAsync($"/KnowledgeBase?Q=faster+{tag.ToUpperInvariant()}");

        Assert.Contains($"Faster EXPORTS {tag}", words);
        Assert.DoesNotContain($">Exports {tag}<", words);
        Assert.Contains($"Faster EXPORTS {tag}", percent);
        Assert.DoesNotContain($">Exports {tag}<", percent);
        Assert.DoesNotContain($">Faster EXPORTS {tag}<", wildcard);
        Assert.Contains("No article matches your search.", wildcard);
        Assert.Contains($"Faster EXPORTS {tag}", staffWords);
        Assert.DoesNotContain($">Exports {tag}<", staffWords);
    }

    [Fact]
    public async Task Portal_ReadersOfEachAudience_SeeOnlyPublishedArticlesOfTheirAudiences()
    {
        var staff = await factory.SignedInClientAsync(Roles.Staff);
        var tag = Guid.NewGuid().ToString("N")[..10];
        var pub = await CreateArticleAsync(staff, $"Public {tag}", $"For everyone {tag}", "Public");
        var res = await CreateArticleAsync(staff, $"Resellers {tag}", $"For resellers {tag}", "Resellers");
        var cus = await CreateArticleAsync(staff, $"Customers {tag}", $"For customers {tag}", "Customers");
        var draft = await CreateArticleAsync(staff, $"Draft {tag}", $"Not yet {tag}", "Public");
        foreach (var id in new[] { pub, res, cus })
        {
            await PublishAsync(staff, id);
        }
        await SaveDraftAsync(staff, pub, $"Public {tag}", $"Unpublished edit {tag}");
        var reseller = await ExternalClientAsync(factory, OrganisationKind.Reseller);
        var customer = await ExternalClientAsync(factory, OrganisationKind.Customer);
        var anonymous = factory.CreateClient();

        var resellerList = await reseller.GetStringAsync($"/Portal/Kb?Q={tag}");
        var customerList = await customer.GetStringAsync($"/Portal/Kb?Q={tag}");
        var anonymousList = await anonymous.GetStringAsync($"/Portal/Kb?Q={tag}");
        var staffSearch = await staff.GetStringAsync($"/KnowledgeBase?Q={tag}");

        Assert.Contains($"Public {tag}", resellerList);
        Assert.Contains($"Resellers {tag}", resellerList);
        Assert.DoesNotContain($"Customers {tag}", resellerList);
        Assert.Contains($"Customers {tag}", customerList);
        Assert.DoesNotContain($"Resellers {tag}", customerList);
        Assert.Contains($"Public {tag}", anonymousList);
        Assert.DoesNotContain($"Resellers {tag}", anonymousList);
        Assert.DoesNotContain($"Customers {tag}", anonymousList);
        Assert.DoesNotContain($"Draft {tag}", anonymousList + resellerList + customerList);
        Assert.Contains($"Draft {tag}", staffSearch);
        Assert.Equal(HttpStatusCode.NotFound, (await reseller.GetAsync($"/Portal/Kb/{cus}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"/Portal/Kb/{res}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/Portal/Kb/{res}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/Portal/Kb/{draft}")).StatusCode);
        var publicPage = await anonymous.GetStringAsync($"/Portal/Kb/{pub}");
        Assert.Contains($"For everyone {tag}", publicPage);
        Assert.DoesNotContain("Unpublished edit", publicPage);
        Assert.DoesNotContain($"Public {tag}", await anonymous.GetStringAsync($"/Portal/Kb?Q=Unpublished+{tag}"));
    }

    [Fact]
    public async Task Portal_ArticleWithScriptsIframesAndHandlers_IsShownSanitised()
    {
        var staff = await factory.SignedInClientAsync(Roles.Staff);
        var id = await CreateArticleAsync(staff, Unique("Safe"),
            "Hello **reader**.\n\n<script>alert('x')</script>\n\n<iframe " +
                "src=\"https://evil.example\"></iframe>\n\n<img src=\"/x.png\" " +
                    "onerror=\"alert(1)\">\n\n[click](javascript:alert(1))");
        await PublishAsync(staff, id);

        var html = await factory.CreateClient().GetStringAsync($"/Portal/Kb/{id}");
        var article = html[html.IndexOf("<article", StringComparison.Ordinal)..html.IndexOf("</article>",
            StringComparison.Ordinal)];

        Assert.Contains("<strong>reader</strong>", article);
        Assert.DoesNotContain("<script", article, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", article, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", article, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", article, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AtomFeed_Anonymous_ListsPublicReleaseAnnouncementsOnly()
    {
        var staff = await factory.SignedInClientAsync(Roles.Staff);
        var releaseId = await CreateReleaseAsync(factory);
        var tag = Guid.NewGuid().ToString("N")[..10];
        var announcement = await CreateArticleAsync(staff, $"Announcing {tag}", "A new **planning** workflow.",
            "Public", releaseId);
        var customersOnly = await CreateArticleAsync(staff, $"Customer announcement {tag}", "Details for customers.",
            "Customers", releaseId);
        var plain = await CreateArticleAsync(staff, $"How-to {tag}", "Not an announcement.", "Public");
        foreach (var id in new[] { announcement, customersOnly, plain })
        {
            await PublishAsync(staff, id);
        }

        var response = await factory.CreateClient().GetAsync("/kb/announcements.atom");
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Atom + "feed", feed.Root!.Name);
        Assert.NotNull(feed.Root.Element(Atom + "id"));
        Assert.NotNull(feed.Root.Element(Atom + "updated"));
        Assert.NotNull(feed.Root.Element(Atom + "author")?.Element(Atom + "name"));
        var entries = feed.Root.Elements(Atom + "entry").ToList();
        var entry = Assert.Single(entries, e => e.Element(Atom + "title")!.Value.Contains(tag,
            StringComparison.Ordinal));
        Assert.Equal($"Announcing {tag}", entry.Element(Atom + "title")!.Value);
        Assert.EndsWith($"/Portal/Kb/{announcement}", entry.Element(Atom + "id")!.Value);
        Assert.True(DateTimeOffset.TryParse(entry.Element(Atom + "updated")!.Value,
            System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Equal("html", entry.Element(Atom + "content")!.Attribute("type")!.Value);
        Assert.Contains("<strong>planning</strong>", entry.Element(Atom + "content")!.Value);
        Assert.All(entries, e => Assert.NotNull(e.Element(Atom + "link")?.Attribute("href")));
    }

    [Fact]
    public async Task SaveDraft_SecondEditorWithStaleVersion_GetsConflictAndTheFirstTextStays()
    {
        var staff = await factory.SignedInClientAsync(Roles.Staff);
        var other = await factory.SignedInClientAsync(Roles.Staff);
        var title = Unique("Conflicts");
        var id = await CreateArticleAsync(staff, title, "Original text.");
        var url = $"/KnowledgeBase/{id}";
        var stale = Field(await other.GetStringAsync(url), "RowVersion");
        await SaveDraftAsync(staff, id, title, "First editor's text.");

        var second = await PostAsync(other, $"{url}?handler=Save", new()
        {
            ["RowVersion"] = stale,
            ["Input.Title"] = title,
            ["Input.BodyMarkdown"] = "Second editor's text.",
            ["Input.Audience"] = "Public",
        }, url);

        Assert.Contains("Someone else saved this draft while you were editing", second);
        Assert.Contains("First editor's text.</textarea>", second);
        Assert.Contains("Second editor's text.</pre>", second);
    }

    [Fact]
    public async Task CreateArticle_WithoutTitle_ShowsWhyAndCreatesNothing()
    {
        var staff = await factory.SignedInClientAsync(Roles.Staff);
        var before = await factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().KbArticles.CountAsync());

        var html = await PostAsync(staff, "/KnowledgeBase?handler=Create",
            new()
            {
                ["Input.Title"] = " ",
                ["Input.BodyMarkdown"] = "text",
                ["Input.Audience"] = "Public",
                ["Input.ReleaseId"] = "999999"
            }, "/KnowledgeBase");

        Assert.Contains("Enter a title of at most 300 characters.", html);
        Assert.Contains("Choose an existing release", html);
        Assert.Equal(before, await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().KbArticles.CountAsync()));
    }
}
