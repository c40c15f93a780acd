using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liftoff.Web.Features.Organisations;

public static class OrganisationsSetup
{
    public static IServiceCollection AddOrganisations(this IServiceCollection services) =>
        services.AddScoped<OrganisationAdministration>();

    public static IEndpointRouteBuilder MapOrganisations(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/organisations").RequireAuthorization(Policies.Staff).WithTags("Organisations");
        api.MapGet("/", async (OrganisationAdministration orgs, CancellationToken ct) =>
            TypedResults.Ok(await orgs.ListAsync(ct)));
        api.MapGet("/{id:int}", async Task<Results<Ok<OrganisationView>, NotFound>> (int id,
            OrganisationAdministration orgs, CancellationToken ct) =>
            await orgs.GetAsync(id, ct) is { } o ? TypedResults.Ok(o) : TypedResults.NotFound());
        api.MapPost("/", async (OrganisationInput? input, OrganisationAdministration orgs, CancellationToken ct) =>
            input is null
                ? TypedResults.ValidationProblem(new Dictionary<string,
                    string[]>
                { [""] = ["A request body is required."] })
                : (await orgs.CreateAsync(input, ct)).ToCreatedOrRefused(o => $"/api/organisations/{o.Id}"))
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/{id:int}", async (int id, OrganisationInput? input, OrganisationAdministration orgs,
            CancellationToken ct) =>
            input is null
                ? TypedResults.ValidationProblem(new Dictionary<string,
                    string[]>
                { [""] = ["A request body is required."] })
                : (await orgs.UpdateAsync(id, input, ct)).ToResults())
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/{id:int}", async (int id, OrganisationAdministration orgs, CancellationToken ct) =>
            (await orgs.DeleteAsync(id, ct)).ToNoContent())
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{id:int}/contacts", async (int id, OrganisationAdministration orgs, CancellationToken ct) =>
            await orgs.GetAsync(id, ct) is null
                ? (Results<Ok<IReadOnlyList<OrganisationContact>>, NotFound>)TypedResults.NotFound()
                : TypedResults.Ok(await orgs.ContactsAsync(id, ct)));
        api.MapPost("/{id:int}/contacts", async (int id, OrganisationContactInput? input,
            OrganisationAdministration orgs, CancellationToken ct) =>
            input is null
                ? TypedResults.ValidationProblem(new Dictionary<string,
                    string[]>
                { [""] = ["A request body is required."] })
                : (await orgs.AddContactAsync(id, input, ct)).ToCreated(_ => $"/api/organisations/{id}/contacts"));
        return app;
    }
}
