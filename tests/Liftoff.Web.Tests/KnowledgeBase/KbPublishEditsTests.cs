using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Data.KnowledgeBase;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Liftoff.Web.Tests.KnowledgeBase.KbTestSupport;

namespace Liftoff.Web.Tests.KnowledgeBase;

public sealed class KbPublishEditsTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..(prefix.Length + 9)];

    [Fact]
    public async Task Publish_WithUnsavedEditsInTheForm_SavesAndPublishesTheEdits()
    {
        var staff = await factory.SignedInClientAsync(Roles.Staff);
        var title = Unique("Printing labels");
        var id = await CreateArticleAsync(staff, title, "Open the label dialog.");
        var url = $"/KnowledgeBase/{id}";
        var fields = FormFields(await staff.GetStringAsync(url));
        fields["Input.Title"] = title + " again";
        fields["Input.BodyMarkdown"] = "Open the label dialog and choose a printer.";

        var html = await PostAsync(staff, $"{url}?handler=Publish", fields, url);

        Assert.Contains("Published as version 1.", html);
        var (version, draft) = await VersionAndDraftAsync(id, 1);
        Assert.Equal(title + " again", version.Title);
        Assert.Equal("Open the label dialog and choose a printer.", version.BodyMarkdown);
        Assert.Equal((version.Title, version.BodyMarkdown), (draft.Title, draft.BodyMarkdown));
    }

    [Fact]
    public async Task Publish_EditsOnAStaleDraft_RefusedWithUnsavedChangesAndEditsKeptInTheForm()
    {
        var staff = await factory.SignedInClientAsync(Roles.Staff);
        var title = Unique("Scanning");
        var id = await CreateArticleAsync(staff, title, "Scan the code.");
        var url = $"/KnowledgeBase/{id}";
        var fields = FormFields(await staff.GetStringAsync(url));
        await SaveDraftAsync(staff, id, title, "Scan the code twice.");
        fields["Input.BodyMarkdown"] = "Scan the code, then confirm.";

        var html = await PostAsync(staff, $"{url}?handler=Publish", fields, url);

        Assert.Contains("You have unsaved changes", html);
        Assert.Contains(">Scan the code, then confirm.</textarea>", html);
        Assert.Contains("Scan the code twice.", html);
        var article = await ArticleAsync(id);
        Assert.Equal((0, "Scan the code twice."), (article.PublishedVersion, article.BodyMarkdown));
    }

    [Fact]
    public async Task Publish_EditsWithoutATitle_RefusedNamingTheTitleAndNothingChanges()
    {
        var staff = await factory.SignedInClientAsync(Roles.Staff);
        var title = Unique("Returns");
        var id = await CreateArticleAsync(staff, title, "Send it back.");
        var url = $"/KnowledgeBase/{id}";
        var fields = FormFields(await staff.GetStringAsync(url));
        fields["Input.Title"] = " ";
        fields["Input.BodyMarkdown"] = "Send it back within 30 days.";

        var html = await PostAsync(staff, $"{url}?handler=Publish", fields, url);

        Assert.Contains("Enter a title of at most 300 characters.", html);
        Assert.Contains("You have unsaved changes that cannot be saved, so nothing was published.", html);
        Assert.Contains(">Send it back within 30 days.</textarea>", html);
        var article = await ArticleAsync(id);
        Assert.Equal((0, title, "Send it back."), (article.PublishedVersion, article.Title, article.BodyMarkdown));
    }

    [Fact]
    public async Task Publish_IdenticalToThePublishedVersion_RefusedAndTheIterationTaskStaysOpen()
    {
        var staff = await factory.SignedInClientAsync(Roles.Staff);
        var releaseId = await CreateReleaseAsync(factory);
        await MarkTasksDoneAsync(factory, releaseId,
            DefaultPlaybook.ContentDiscussion, DefaultPlaybook.InternalNotesReview);
        var id = await CreateArticleAsync(staff, Unique("Release tour"), "What is new.", releaseId: releaseId);
        await PublishAsync(staff, id);

        var again = await PublishAsync(staff, id);

        Assert.Contains("Nothing was published: the title, text and audience are the same as the published version 1.",
            again);
        Assert.Equal(1, await factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().KbArticleVersions.CountAsync(v => v.ArticleId == id)));
        Assert.Equal(RolloutTaskStatus.Done, await TaskStatusAsync(factory, releaseId, DefaultPlaybook.KbAnnouncement));
        Assert.NotEqual(RolloutTaskStatus.Done, await TaskStatusAsync(factory, releaseId, DefaultPlaybook.KbIteration));
    }

    private Task<(KbArticleVersion Version, KbArticle Draft)> VersionAndDraftAsync(int id, int number) =>
        factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var version = await db.KbArticleVersions.AsNoTracking()
                .SingleAsync(v => v.ArticleId == id && v.Number == number);
            return (version, await db.KbArticles.AsNoTracking().SingleAsync(a => a.Id == id));
        });

    private Task<KbArticle> ArticleAsync(int id) =>
        factory.WithScopeAsync(sp =>
            sp.GetRequiredService<AppDbContext>().KbArticles.AsNoTracking().SingleAsync(a => a.Id == id));
}
