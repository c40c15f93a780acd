using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Data.Identity;
using Liftoff.Data.Organisation;
using Liftoff.Domain.Backlog.Similarity;
using Liftoff.Web.Features.Backlog.Import;
using Liftoff.Web.Features.Backlog.Intake;
using Liftoff.Web.Features.Backlog.Requests;
using Liftoff.Web.Features.Backlog.Similarity;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Seed;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Liftoff.Bench;

// Set-up of the served-similarity run: stored requests and an API token.
internal static partial class ServedSimilarity
{
    /// <summary>
    /// Synthetic requests with their vectors, written as the app stores them (the database sets the
    /// change sequence).
    /// </summary>
    private static async Task StoreAsync(
        IServiceProvider services, IReadOnlyList<SimilarityDocument> corpus, IReadOnlyList<float[]> vectors, int count,
        int seed)
    {
        var pool = SyntheticRequests.Generate(corpus, vectors, count, seed);
        var index = services.GetRequiredService<SimilarRequestEngine>().Index;
        var now = DateTimeOffset.UtcNow;
        foreach (var chunk in pool.Chunk(2000))
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.FeatureRequests.AddRange(chunk.Select(d => new FeatureRequest
            {
                Title = d.Title.Length > 300 ? d.Title[..300] : d.Title,
                // The column's limit, which the app checks on every way in (PostgreSQL enforces it).
                Description = d.Description is { Length: > 20000 } text ? text[..20000] : d.Description ?? "",
                Status = FeatureRequestStatus.New,
                CreatedAt = now,
                UpdatedAt = now,
                Embedding = index.ToStored(d.Embedding),
            }));
            await db.SaveChangesAsync();
        }
    }

    private static async Task<(string Token, int OrganisationId)> CreateTokenAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        await sp.GetRequiredService<DemoSeeder>().EnsureRolesAsync();
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = "bench@liftoff.local",
            Email = "bench@liftoff.local",
            DisplayName = "Bench",
            EmailConfirmed = true,
        };
        await users.CreateAsync(user, DemoSeeder.GeneratePassword());
        await users.AddToRoleAsync(user, Roles.Staff);
        var token = await sp.GetRequiredService<ApiTokenService>().CreateAsync(user.Id, "bench");
        var db = sp.GetRequiredService<AppDbContext>();
        var organisation = new OrganisationEntity
        {
            Name = "Bench reseller",
            Kind = OrganisationKind.Reseller,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return (token.Token, organisation.Id);
    }
}
