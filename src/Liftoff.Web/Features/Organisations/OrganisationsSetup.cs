using Liftoff.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liftoff.Web.Features.Organisations;

public static class OrganisationsSetup
{
    public static IServiceCollection AddOrganisations(this IServiceCollection services) =>
        services.AddScoped<OrganisationAdministration>();

    public static IEndpointRouteBuilder MapOrganisations(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/organisations").RequireAuthorization(Policies.Staff).WithTags("Organisations");
        api.MapGet("/", async (OrganisationAdministration orgs, CancellationToken ct) => TypedResults.Ok(await orgs.ListAsync(ct)));
        api.MapGet("/{id:int}", async Task<Results<Ok<OrganisationView>, NotFound>> (int id, OrganisationAdministration orgs, CancellationToken ct) =>
            await orgs.GetAsync(id, ct) is { } o ? TypedResults.Ok(o) : TypedResults.NotFound());
        api.MapPost("/", async (OrganisationInput? input, OrganisationAdministration orgs, CancellationToken ct) =>
            input is null
                ? Results.ValidationProblem(new Dictionary<string, string[]> { [""] = ["A request body is required."] })
                : (await orgs.CreateAsync(input, ct)).ToHttpResult(o => TypedResults.Created($"/api/organisations/{o.Id}", o)));
        api.MapPut("/{id:int}", async (int id, OrganisationInput? input, OrganisationAdministration orgs, CancellationToken ct) =>
            input is null
                ? Results.ValidationProblem(new Dictionary<string, string[]> { [""] = ["A request body is required."] })
                : (await orgs.UpdateAsync(id, input, ct)).ToHttpResult());
        api.MapDelete("/{id:int}", async (int id, OrganisationAdministration orgs, CancellationToken ct) =>
            (await orgs.DeleteAsync(id, ct)).ToHttpResult(_ => TypedResults.NoContent()));
        api.MapGet("/{id:int}/contacts", async (int id, OrganisationAdministration orgs, CancellationToken ct) =>
            await orgs.GetAsync(id, ct) is null ? Results.NotFound() : TypedResults.Ok(await orgs.ContactsAsync(id, ct)));
        api.MapPost("/{id:int}/contacts", async (int id, OrganisationContactInput? input, OrganisationAdministration orgs, CancellationToken ct) =>
            input is null
                ? Results.ValidationProblem(new Dictionary<string, string[]> { [""] = ["A request body is required."] })
                : (await orgs.AddContactAsync(id, input, ct)).ToHttpResult(c => TypedResults.Created($"/api/organisations/{id}/contacts", c)));
        return app;
    }
}
