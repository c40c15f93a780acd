using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liftoff.Data;
using Liftoff.Data.Identity;
using Liftoff.Web.Features.Communications;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Liftoff.Web.Tests.Communications;

/// <summary>
/// Bad input on the suppression page and API, and the page listing bounce-mailbox messages not understood.
/// </summary>
public sealed class SuppressionInputTests : IAsyncLifetime
{
    private readonly TestSmtpServer _smtp = new();
    private DeliverabilityFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new DeliverabilityFactory(_smtp.Port);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private Task<List<string>> ListedAsync() =>
        _factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().SuppressedAddresses.Select(s => s.Email)
            .OrderBy(e => e).ToListAsync());

    private static async Task<string> PostPageAsync(
        HttpClient client, string handler, Dictionary<string, string> fields)
    {
        var response = await LiftoffFactory.PostFormAsync(
            client, $"/Communications/Suppressions?handler={handler}", fields, "/Communications/Suppressions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static void AssertErrorOnly(string html, string message)
    {
        Assert.Contains(WebUtility.HtmlEncode(message), html);
        Assert.Contains("validation-summary-errors", html);
        Assert.DoesNotContain("alert success", html);
    }

    [Fact]
    public async Task SuppressionPage_BadInput_ClearMessageAndNothingChanges()
    {
        var client = await _factory.SignedInClientAsync(Roles.Staff);
        var email = $"reader-{Guid.NewGuid():N}@example.org";

        var invalid = await PostPageAsync(client, "Add", new() { ["email"] = "not an address", ["note"] = "asked" });
        var noReason = await PostPageAsync(client, "Add", new() { ["email"] = email, ["note"] = "  " });
        Assert.Empty(await ListedAsync());
        var added = await PostPageAsync(client, "Add", new() { ["email"] = email, ["note"] = "asked by phone" });
        var twice = await PostPageAsync(
            client, "Add", new() { ["email"] = email.ToUpperInvariant(), ["note"] = "again" });
        var notListed = await PostPageAsync(client, "Remove", new() { ["email"] = "nobody@example.org" });

        AssertErrorOnly(invalid, "Enter a valid email address.");
        AssertErrorOnly(noReason, "Say why the address is suppressed");
        Assert.Contains($"{email} is suppressed", added);
        Assert.DoesNotContain("validation-summary-errors", added);
        AssertErrorOnly(twice, $"{email} is already on the suppression list.");
        AssertErrorOnly(notListed, "nobody@example.org is not on the suppression list");
        Assert.Equal([email], await ListedAsync());
        var note = await _factory.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>()
            .SuppressedAddresses.Select(s => s.Note).SingleAsync());
        Assert.Equal("asked by phone", note);
    }

    [Fact]
    public async Task SuppressionApi_BadInput_ClearMessageAndNothingChanges()
    {
        var client = await _factory.SignedInClientAsync(Roles.Staff);
        var email = $"reader-{Guid.NewGuid():N}@example.org";

        var invalid = await client.PostAsJsonAsync(
            "/api/suppressions", new { email = "not an address", note = "asked" });
        var noReason = await client.PostAsJsonAsync("/api/suppressions", new { email, note = "" });
        var added = await client.PostAsJsonAsync("/api/suppressions", new { email, note = "asked by phone" });
        var twice = await client.PostAsJsonAsync("/api/suppressions", new { email, note = "again" });
        var notListed = await client.DeleteAsync("/api/suppressions/nobody%40example.org");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(["Enter a valid email address."], await ErrorsAsync(invalid, "email"));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.StartsWith("Say why the address is suppressed", Assert.Single(await ErrorsAsync(noReason, "note")));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal($"{email} is already on the suppression list.", await DetailAsync(twice));
        Assert.Equal(HttpStatusCode.NotFound, notListed.StatusCode);
        Assert.Equal("nobody@example.org is not on the suppression list, so there was nothing to remove.",
            await DetailAsync(notListed));
        Assert.Equal([email], await ListedAsync());
    }

    private static async Task<List<string>> ErrorsAsync(HttpResponseMessage response, string field)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("errors").GetProperty(field).EnumerateArray()
            .Select(e => e.GetString()!).ToList();
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("detail").GetString();
    }

    [Fact]
    public async Task UnparsedPage_StaffSeeTheRawMessageAsText_EmptyStateFirst_ExternalUsersNot()
    {
        var staff = await _factory.SignedInClientAsync(Roles.Staff);
        var empty = await staff.GetStringAsync("/Communications/UnparsedMessages");
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Someone", "someone@elsewhere.test"));
        message.To.Add(new MailboxAddress("", "bounces@mail.test"));
        message.Subject = "Question <b>bold</b>";
        message.MessageId = "question-1@elsewhere.test";
        message.Body = new TextPart("plain") { Text = "Is this right? <script>alert(1)</script>" };
        await _factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var recorder = ActivatorUtilities.CreateInstance<BounceRecorder>(sp, db);
            await recorder.RecordAsync(message, 7, CancellationToken.None);
            await db.SaveChangesAsync();
        });

        var listed = await staff.GetStringAsync("/Communications/UnparsedMessages");
        var suppressions = await staff.GetStringAsync("/Communications/Suppressions");
        var external = await _factory.SignedInClientAsync(Roles.External);
        var forbidden = await external.GetAsync("/Communications/UnparsedMessages");

        Assert.Contains("data-empty=\"unparsed\"", empty);
        Assert.DoesNotContain("data-empty=\"unparsed\"", listed);
        Assert.Contains("Question &lt;b&gt;bold&lt;/b&gt;", listed);
        Assert.Contains("someone@elsewhere.test", listed);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", listed);
        Assert.DoesNotContain("<script>alert(1)", listed);
        Assert.Contains("href=\"/Communications/UnparsedMessages\"", suppressions);
        Assert.NotEqual(HttpStatusCode.OK, forbidden.StatusCode);
        Assert.DoesNotContain("question-1", await forbidden.Content.ReadAsStringAsync());
    }
}
