using System.Net.Http.Json;
using System.Text.Json;
using Liftoff.Data.Identity;
using Liftoff.Web.Tests.Infrastructure;

namespace Liftoff.Web.Tests.Platform;

/// <summary>
/// The OpenAPI document is what a client generates code from: every API operation must say what it answers
/// on success, what it answers when it refuses the input, and what the success body looks like.
/// </summary>
public sealed class OpenApiDocumentTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    // Statuses every protected operation gets from the document itself, whatever the handler does.
    private static readonly HashSet<string> GenericStatuses = ["401", "403", "415"];

    [Fact]
    public async Task EveryApiOperation_DeclaresSuccessRefusalAndBodySchema()
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var doc = await staff.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var problems = new List<string>();
        var operations = 0;
        foreach (var path in doc.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var op in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                operations++;
                var name = $"{op.Name.ToUpperInvariant()} {path.Name}";
                var responses = op.Value.TryGetProperty("responses", out var r) ? r.EnumerateObject().ToList() : [];
                var success = responses.Where(s => s.Name.StartsWith('2')).ToList();
                if (success.Count == 0)
                {
                    problems.Add($"{name}: no 2xx response");
                }
                var refusesInput = op.Value.TryGetProperty("requestBody", out _) || path.Name.Contains('{');
                if (refusesInput && !responses.Any(s => s.Name.StartsWith('4') && !GenericStatuses.Contains(s.Name)))
                {
                    problems.Add($"{name}: takes input but declares no 4xx besides 401/403/415 " +
                        $"(has {string.Join(", ", responses.Select(s => s.Name))})");
                }
                foreach (var s in success)
                {
                    if (!s.Value.TryGetProperty("content", out var content))
                    {
                        if (s.Name is "200" or "201")
                        {
                            problems.Add($"{name}: {s.Name} declares no body");
                        }
                        continue;
                    }
                    foreach (var media in content.EnumerateObject()
                        .Where(m => m.Name.Contains("json", StringComparison.Ordinal)))
                    {
                        if (!media.Value.TryGetProperty("schema", out var schema) || !schema.EnumerateObject().Any())
                        {
                            problems.Add($"{name}: {s.Name} {media.Name} has no schema");
                        }
                    }
                }
            }
        }

        Assert.True(operations > 50, $"Only {operations} API operations in the document.");
        Assert.True(problems.Count == 0,
            $"{problems.Count} API operation(s) are not fully described:\n" + string.Join("\n", problems));
    }
}
