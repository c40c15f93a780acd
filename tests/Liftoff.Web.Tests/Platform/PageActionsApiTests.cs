using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Account;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Liftoff.Web.Tests.KnowledgeBase.KbTestSupport;

namespace Liftoff.Web.Tests.Platform;

/// <summary>The API for what the release-notes, knowledge-base, communications and support pages do.</summary>
public sealed class PageActionsApiTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    [Fact]
    public async Task ReleaseNotesApi_ItemsNotesApprovalsShare_WorkLikeThePage()
    {
        var releaseId = await CreateReleaseAsync(factory);
        var delivery = await factory.CreateUserAsync(Roles.Lead);
        var success = await factory.CreateUserAsync(Roles.Lead);
        await SetLeadsAsync(factory, delivery.Id, success.Id);
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var url = $"/api/releases/{releaseId}/notes";

        var item = await staff.PostAsJsonAsync($"{url}/items", new { text = "Faster map export", isExternal = true });
        var notes = await staff.GetFromJsonAsync<JsonElement>(url);
        var saved = await staff.PutAsJsonAsync($"{url}/customer", new
        {
            customerMarkdown = "- Faster map export",
            customerImpactMarkdown = "",
            rowVersion = notes.GetProperty("rowVersion").GetInt32(),
        });
        var stale = await staff.PutAsJsonAsync($"{url}/customer", new { customerMarkdown = "- other", rowVersion = 0 });
        var hash = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerTextHash").GetString();
        var first = await (await factory.TokenClientAsync(delivery))
            .PostAsJsonAsync($"{url}/approve", new { textHash = hash });
        var second = await (await factory.TokenClientAsync(success))
            .PostAsJsonAsync($"{url}/approve", new { textHash = hash });
        var byStaff = await staff.PostAsJsonAsync($"{url}/approve", new { textHash = hash });

        Assert.Equal(HttpStatusCode.Created, item.StatusCode);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True((await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("approved").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, byStaff.StatusCode);
        Assert.Equal("- Faster map export", (await staff.GetFromJsonAsync<JsonElement>(url))
            .GetProperty("customerMarkdown").GetString());
    }

    [Fact]
    public async Task ReleaseNotesApi_BadInput_NamesTheJsonFieldAndChangesNothing()
    {
        var releaseId = await CreateReleaseAsync(factory);
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var url = $"/api/releases/{releaseId}/notes";

        var empty = await staff.PostAsJsonAsync($"{url}/items", new { text = "  " });
        var wrongType = await staff.PutAsync($"{url}/customer",
            new StringContent("{\"customerMarkdown\":\"x\",\"rowVersion\":\"abc\"}", Encoding.UTF8,
                "application/json"));
        var noBody = await staff.PostAsync($"{url}/items", new StringContent("", Encoding.UTF8, "application/json"));
        var missing = await staff.GetAsync("/api/releases/999999/notes");

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.True((await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")
            .TryGetProperty("itemText", out _));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        var problem = await wrongType.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("rowVersion", out _), problem.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Empty((await staff.GetFromJsonAsync<JsonElement>(url)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task KnowledgeBaseApi_DraftPublishVersionsDiffRollback()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var created = await staff.PostAsJsonAsync("/api/kb/articles",
            new { title = "Exporting maps", bodyMarkdown = "Version one.", audience = "Public" });
        var article = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = article.GetProperty("id").GetInt32();
        var url = $"/api/kb/articles/{id}";

        var v1 = await staff.PostAsJsonAsync($"{url}/publish", new
        {
            rowVersion = article.GetProperty("rowVersion")
            .GetInt32()
        });
        var draft = await staff.GetFromJsonAsync<JsonElement>(url);
        var edited = await staff.PutAsJsonAsync($"{url}/draft",
            new
            {
                title = "Exporting maps",
                bodyMarkdown = "Version two.",
                audience = "Public",
                rowVersion = draft.GetProperty("rowVersion").GetInt32()
            });
        var stale = await staff.PutAsJsonAsync($"{url}/draft", new
        {
            title = "Lost",
            bodyMarkdown = "x",
            audience = "Public",
            rowVersion = draft.GetProperty("rowVersion").GetInt32()
        });
        var v2 = await staff.PostAsJsonAsync($"{url}/publish", new
        {
            rowVersion = (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rowVersion").GetInt32()
        });
        var versions = await staff.GetFromJsonAsync<JsonElement>($"{url}/versions");
        var diff = await staff.GetFromJsonAsync<JsonElement>($"{url}/diff?from=1&to=2");
        var rollback = await staff.PostAsJsonAsync($"{url}/rollback", new { version = 1 });
        var noTitle = await staff.PostAsJsonAsync("/api/kb/articles", new { title = "", audience = "Public" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1, (await v1.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(2, (await v2.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.Equal(2, versions.GetArrayLength());
        Assert.Contains(diff.EnumerateArray(), l => l.GetProperty("text").GetString() == "Version two.");
        Assert.Equal(3, (await rollback.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.True((await noTitle.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")
            .TryGetProperty("title", out _));
    }

    [Fact]
    public async Task KnowledgeBaseApi_SecretInArticle_PublishRefusedWithFindings()
    {
        await AddRoadmapSecretAsync(factory);
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var article = await (await staff.PostAsJsonAsync("/api/kb/articles",
            new { title = "Coming soon", bodyMarkdown = $"Watch out for {SecretCodename}.", audience = "Public" }))
                .Content.ReadFromJsonAsync<JsonElement>();

        var publish = await staff.PostAsJsonAsync($"/api/kb/articles/{article.GetProperty("id").GetInt32()}/publish",
            new { rowVersion = article.GetProperty("rowVersion").GetInt32() });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, publish.StatusCode);
        Assert.Equal(0, (await staff.GetFromJsonAsync<JsonElement>(
            $"/api/kb/articles/{article.GetProperty("id").GetInt32()}")).GetProperty("publishedVersion").GetInt32());
    }

    [Fact]
    public async Task NewsletterApi_ContactsImportCampaignPreviewSendProgress()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var contact = await staff.PostAsJsonAsync("/api/contacts",
            new
            {
                email = $"c{Guid.NewGuid():N}@customer.example",
                name = "Cora",
                audience = "Customers",
                consent = true
            });
        var badContact = await staff.PostAsJsonAsync("/api/contacts",
            new { email = "not an address", audience = "Customers" });
        var import = await staff.PostAsync("/api/contacts/import",
            Csv($"email,name,consent\nr{Guid.NewGuid():N}@reseller.example,Rex,yes\n", ("listName", "Partners"),
                ("audience", "Resellers")));
        var badImport = await staff.PostAsync("/api/contacts/import",
            Csv("email,name,consent\nnot-an-address,X,yes\n", ("listName", "Bad"), ("audience", "Resellers")));
        var created = await staff.PostAsJsonAsync("/api/newsletters",
            new
            {
                subject = "What is new",
                audience = "Both",
                resellerMarkdown = "Hello partners",
                customerMarkdown = "Hello customers"
            });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var preview = await staff.GetFromJsonAsync<JsonElement>($"/api/newsletters/{id}/preview");
        var recipients = await staff.GetFromJsonAsync<JsonElement>($"/api/newsletters/{id}/recipients");
        var send = await staff.PostAsync($"/api/newsletters/{id}/send", null);
        var editAfter = await staff.PutAsJsonAsync($"/api/newsletters/{id}",
            new { subject = "Changed", audience = "Both", resellerMarkdown = "x", customerMarkdown = "y" });
        var progress = await staff.GetFromJsonAsync<JsonElement>($"/api/newsletters/{id}/progress");
        var problems = await staff.GetFromJsonAsync<JsonElement>($"/api/newsletters/{id}/problems");
        var uncertain = await staff.PostAsJsonAsync($"/api/newsletters/{id}/uncertain", new { resend = false });

        Assert.Equal(HttpStatusCode.Created, contact.StatusCode);
        Assert.True((await badContact.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")
            .TryGetProperty("email", out _));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badImport.StatusCode);
        Assert.Equal(2, preview.GetArrayLength());
        Assert.True(recipients.GetProperty("total").GetInt32() >= 2, recipients.ToString());
        Assert.Equal(HttpStatusCode.NoContent, send.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, editAfter.StatusCode);
        Assert.True(progress.GetProperty("total").GetInt32() >= 2);
        Assert.Equal(JsonValueKind.Array, problems.ValueKind);
        Assert.Equal(0, (await uncertain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recipients")
            .GetInt32());
    }

    [Fact]
    public async Task SupportCsvImportApi_DryRunStoresNothing_ImportStores_BadFileRefused()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var csv = "date,count\n2026-01-05,12\n2026-01-06,14\n";

        var dry = await staff.PostAsync("/api/support/ticket-volume/csv?dryRun=true", Csv(csv, ("timeZone", "UTC")));
        var real = await staff.PostAsync("/api/support/ticket-volume/csv", Csv(csv, ("timeZone", "UTC")));
        var again = await staff.PostAsync("/api/support/ticket-volume/csv", Csv(csv, ("timeZone", "UTC")));
        var bad = await staff.PostAsync("/api/support/ticket-volume/csv", Csv("date,count\nnot-a-date,x\n"));
        var noFile = await staff.PostAsync("/api/support/ticket-volume/csv",
            new MultipartFormDataContent { { new StringContent("UTC"), "timeZone" } });

        var dryReport = await dry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        Assert.True(dryReport.GetProperty("dryRun").GetBoolean());
        Assert.Equal(2, dryReport.GetProperty("stored").GetProperty("added").GetInt32());
        Assert.Equal(2, (await real.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stored").GetProperty("added")
            .GetInt32());
        Assert.Equal(2, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stored")
            .GetProperty("unchanged").GetInt32());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.True((await noFile.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")
            .TryGetProperty("file", out _));
    }

    private static MultipartFormDataContent Csv(string csv, params (string Name, string Value)[] fields)
    {
        var content = new MultipartFormDataContent();
        var file = new StringContent(csv, Encoding.UTF8);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "export.csv");
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        return content;
    }
}
