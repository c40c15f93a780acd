using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Liftoff.Web.Infrastructure.Web;

/// <summary>
/// What the OpenAPI document tells a client beyond the endpoints' own metadata: how to authenticate (an API
/// token as a bearer token), that protected endpoints answer 401 and 403, and that request bodies are
/// required objects rather than "null or object".
/// </summary>
public static class ApiDocumentation
{
    public const string BearerScheme = "Bearer";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API token from Account → API tokens, sent as \"Authorization: Bearer <token>\". " +
                    "Read-only tokens may only GET.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(BearerScheme,
                document)] = []
            });
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var anonymous = metadata.OfType<IAllowAnonymous>().Any();
            operation.Responses ??= [];
            if (!anonymous)
            {
                Add(operation, "401", "Not signed in: send an API token as a bearer token.");
                Add(operation, "403", "Signed in, but not allowed (wrong role, or a read-only token on a change).");
            }
            if (operation.RequestBody is OpenApiRequestBody body)
            {
                // A missing body is refused with a clear message; the body itself is never "null".
                body.Required = true;
                foreach (var content in body.Content?.Values ?? [])
                {
                    if (content.Schema is OpenApiSchema { OneOf.Count: > 0 } schema)
                    {
                        var nonNull = schema.OneOf.Where(s => s is not OpenApiSchema { Type: JsonSchemaType.Null })
                            .ToList();
                        if (nonNull.Count == 1)
                        {
                            content.Schema = nonNull[0];
                        }
                    }
                }
                if (!operation.Responses.ContainsKey("415") && body.Content?.Count > 0)
                {
                    Add(operation, "415", "The body was not sent as " + string.Join(" or ", body.Content.Keys) + ".");
                }
            }
            return Task.CompletedTask;
        });
    }

    private static void Add(OpenApiOperation operation, string status, string description)
    {
        if (!operation.Responses!.ContainsKey(status))
        {
            operation.Responses[status] = new OpenApiResponse { Description = description };
        }
    }
}
