using System.Security.Claims;
using Liftoff.Data.Communications;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Uploads;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Liftoff.Web.Features.Communications;

public sealed record CampaignDto(int Id, string Subject, CampaignAudience Audience, string ResellerMarkdown,
    string CustomerMarkdown, int? ReleaseId,
    CampaignStatus Status, DateTimeOffset? ScheduledAt, string? PauseReason)
{
    public static CampaignDto From(NewsletterCampaign c) =>
        new(c.Id, c.Subject, c.Audience, c.ResellerMarkdown, c.CustomerMarkdown, c.ReleaseId, c.Status, c.ScheduledAt,
            c.PauseReason);
}

public sealed record CampaignRequest(string? Subject, CampaignAudience Audience, string? ResellerMarkdown,
    string? CustomerMarkdown, int? ReleaseId)
{
    public CampaignInput ToInput() => new(Subject ?? "", Audience, ResellerMarkdown ?? "", CustomerMarkdown ?? "",
        ReleaseId);
}

public sealed record AudiencePreview(Audience Audience, string Subject, string Html, string Text);

/// <param name="ScheduledAt">When to start sending (UTC); in the past or now starts at once.</param>
public sealed record ScheduleRequest(DateTimeOffset ScheduledAt);

/// <param name="Resend">True sends the uncertain recipients again; false counts them as done.</param>
public sealed record UncertainDecision(bool Resend);

public sealed record RecipientCount(int Recipients, string Message);

public sealed record ContactRequest(string? Email, string? Name, int? OrganisationId, Audience? Audience, bool Consent);

public sealed record ConsentRequest(bool Consent);

/// <summary>The communications pages' actions: contacts and their import, newsletters from draft to sent.</summary>
public static class NewsletterApi
{
    public static IEndpointRouteBuilder MapNewsletterApi(this IEndpointRouteBuilder app)
    {
        var contacts = app.MapGroup("/api/contacts").RequireAuthorization(Policies.Staff).WithTags("Contacts");
        contacts.MapGet("/", async (ContactAdministration admin, CancellationToken ct) =>
            TypedResults.Ok(await admin.ListAsync(ct)));
        contacts.MapPost("/", async (ContactRequest request, ContactAdministration admin, CancellationToken ct) =>
            (await admin.AddAsync(new ContactInput(request.Email ?? "", request.Name ?? "", request.OrganisationId,
                request.Audience, request.Consent), ct))
                .ToCreated(c => c, c => $"/api/contacts/{c.Id}"));
        contacts.MapPut("/{id:int}/consent", async (int id, ConsentRequest request, ContactAdministration admin,
            CancellationToken ct) =>
            (await admin.SetConsentAsync(id, request.Consent, ct)).ToResults());
        contacts.MapPost("/import", ImportAsync).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(UploadLimits.RequestCeiling))
            .WithFormOptions(multipartBodyLengthLimit: UploadLimits.RequestCeiling);

        var api = app.MapGroup("/api/newsletters").RequireAuthorization(Policies.Staff).WithTags("Newsletters");
        api.MapGet("/", async (NewsletterCampaigns n, CancellationToken ct) =>
            TypedResults.Ok(await n.ListAsync(ct)));
        api.MapPost("/", async (CampaignRequest request, NewsletterCampaigns n, ClaimsPrincipal user,
            CancellationToken ct) =>
            (await n.CreateAsync(request.ToInput(), user.UserId(), ct))
                .ToCreated(CampaignDto.From, c => $"/api/newsletters/{c.Id}"));
        api.MapGet("/{id:int}", async Task<Results<Ok<CampaignDto>, NotFound>> (int id, NewsletterCampaigns n,
            CancellationToken ct) =>
            await n.GetAsync(id, ct) is { } c ? TypedResults.Ok(CampaignDto.From(c)) : TypedResults.NotFound());
        api.MapPut("/{id:int}", async (int id, CampaignRequest request, NewsletterCampaigns n,
            CancellationToken ct) =>
            (await n.UpdateAsync(id, request.ToInput(), ct)).ToResults(CampaignDto.From))
                .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{id:int}/preview", async Task<Results<Ok<List<AudiencePreview>>, NotFound>> (int id,
            NewsletterCampaigns n, CancellationToken ct) =>
            await n.GetAsync(id, ct) is { } c
                ? TypedResults.Ok(NewsletterCampaigns.Audiences(c.Audience)
                    .Select(a => (a, n.Preview(c, a))).Select(p =>
                        new AudiencePreview(p.a, p.Item2.Subject, p.Item2.Html, p.Item2.Text)).ToList())
                : TypedResults.NotFound());
        api.MapGet("/{id:int}/recipients", async (int id, NewsletterRecipientCount recipients, CancellationToken ct) =>
            (await recipients.PreviewAsync(id, ct)).ToResults());
        api.MapPost("/{id:int}/test-send", async (int id, NewsletterSending n, ClaimsPrincipal user,
            CancellationToken ct) =>
            Blockable(await n.TestSendAsync(id, user.Identity?.Name ?? "", ct)));
        api.MapPost("/{id:int}/schedule", async (int id, ScheduleRequest request, NewsletterSending n,
            CancellationToken ct) =>
            Blockable(await n.ScheduleAsync(id, request.ScheduledAt, ct)))
                .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:int}/send", async (int id, NewsletterSending n, CancellationToken ct) =>
            Blockable(await n.ScheduleAsync(id, null, ct))).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:int}/pause", async (int id, NewsletterSending n, CancellationToken ct) =>
            (await n.PauseAsync(id, ct)).ToResults()).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:int}/resume", async (int id, NewsletterSending n, CancellationToken ct) =>
            (await n.ResumeAsync(id, ct)).ToResults()).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{id:int}/progress", async Task<Results<Ok<CampaignProgress>, NotFound>> (int id,
            NewsletterFollowUp n, CancellationToken ct) =>
            await n.ProgressAsync(id, ct) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound());
        api.MapGet("/{id:int}/problems", async Task<Results<Ok<IReadOnlyList<LedgerRow>>, NotFound>> (int id,
            NewsletterCampaigns n, NewsletterFollowUp f, CancellationToken ct) =>
            await n.GetAsync(id, ct) is null ? TypedResults.NotFound()
                : TypedResults.Ok(await f.ProblemsAsync(id, ct)));
        api.MapPost("/{id:int}/retry-failed", async (int id, NewsletterFollowUp n, CancellationToken ct) =>
            Counted(await n.RetryFailedAsync(id, ct), "failed recipient(s) queued again"))
                .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:int}/uncertain", async (int id, UncertainDecision request, NewsletterFollowUp n,
            CancellationToken ct) =>
            Counted(await n.ResolveUncertainAsync(id, request.Resend, ct), request.Resend
                ? "uncertain recipient(s) queued again" : "uncertain recipient(s) marked as done"))
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>Imports a CSV (columns email, name, consent) into one audience; any bad row refuses the whole file with
    /// every row named.</summary>
    private static async Task<Results<Ok<ImportReport>, UnprocessableEntity<ImportReport>,
        ValidationProblem>> ImportAsync(
        IFormFile? file, [FromForm] string? listName, [FromForm] Audience? audience, ContactAdministration admin,
            CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (file is null || file.Length == 0)
        {
            errors["file"] =
                ["Choose a CSV file (columns email, name, consent) and send it as the form field \"file\"."];
        }
        if (audience is null)
        {
            errors["audience"] = ["Say whether the list is of resellers or customers."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        await using var stream = file!.OpenReadStream();
        var report = await admin.ImportCsvAsync(stream, audience!.Value, listName ?? "", ct);
        return report.Succeeded ? TypedResults.Ok(report) : TypedResults.UnprocessableEntity(report);
    }

    /// <summary>Done, or 422 with the passages the disclosure check found: nothing was sent or scheduled
    /// then.</summary>
    private static Results<NoContent, UnprocessableEntity<IReadOnlyList<BlockedPassage>>, ValidationProblem, NotFound,
        ProblemHttpResult> Blockable(
        Outcome<IReadOnlyList<BlockedPassage>> outcome) => outcome switch
        {
            { Value.Count: > 0 } => TypedResults.UnprocessableEntity(outcome.Value),
            { Kind: OutcomeKind.Ok } => TypedResults.NoContent(),
            { Kind: OutcomeKind.NotFound } => TypedResults.NotFound(),
            { Kind: OutcomeKind.Conflict } => TypedResults.Problem(outcome.Message,
                statusCode: StatusCodes.Status409Conflict, title: "Conflict"),
            _ => TypedResults.ValidationProblem(outcome.ErrorsByField()),
        };

    private static Results<Ok<RecipientCount>, ValidationProblem, NotFound,
        ProblemHttpResult> Counted(Outcome<int> outcome, string what) =>
        outcome.ToResults(n => new RecipientCount(n, $"{n} {what}."));
}
