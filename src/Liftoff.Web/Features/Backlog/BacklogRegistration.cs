using Liftoff.Domain.Backlog.Similarity;
using Liftoff.Web.Features.Backlog.Export;
using Liftoff.Web.Features.Backlog.Import;
using Liftoff.Web.Features.Backlog.Intake;
using Liftoff.Web.Features.Backlog.Merge;
using Liftoff.Web.Features.Backlog.Priorities;
using Liftoff.Web.Features.Backlog.ProductAreas;
using Liftoff.Web.Features.Backlog.Requests;
using Liftoff.Web.Features.Backlog.Similarity;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Embeddings;

namespace Liftoff.Web.Features.Backlog;

/// <summary>The backlog's services, background work and HTTP endpoints, registered in one place.</summary>
public static class BacklogRegistration
{
    public static IServiceCollection AddBacklog(this IServiceCollection services)
    {
        // The models load in the background after start (SimilarRequestIndexer.WarmUpSetting), never holding it up.
        services.AddSingleton<ITextEmbedder>(_ => CombinedTextEmbedder.MiniLmAndArctic());
        services.AddSingleton<SimilarRequestEngine>();
        services.AddHostedService<SimilarRequestIndexer>();
        services.AddScoped<FeatureRequests>().AddScoped<RequestIntake>();
        services.AddScoped<Prioritisation>().AddScoped<BacklogMerge>().AddScoped<RequestStatusChanges>()
            .AddScoped<ReleaseNotification>().AddScoped<ShippedRequests>().AddScoped<RequestComments>()
            .AddScoped<RequestDetails>().AddScoped<SurveyImport>().AddScoped<RoadmapRequestLinks>()
            .AddScoped<PortalSharing>();
        services.AddScoped<AreasAdministration>();
        services.AddScoped<ImportPlanner>();
        services.AddScoped<BacklogImporter>();
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ImportJobRunner>();
        services.AddHostedService<ImportJobService>();
        services.AddScoped<BacklogExport>();
        return services;
    }

    public static IEndpointRouteBuilder MapBacklog(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/requests").RequireAuthorization(Policies.Staff).WithTags("Backlog");
        var leads = app.MapGroup("/api/requests").RequireAuthorization(Policies.Lead).WithTags("Backlog");
        SimilarityEndpoints.Map(staff);
        RequestEndpoints.Map(staff);
        IntakeEndpoints.Map(staff);
        MergeEndpoints.Map(staff);
        PriorityEndpoints.Map(staff, leads);
        AreaEndpoints.Map(app);
        ExportEndpoints.Map(app);
        return app;
    }
}
