using Liftoff.Web.Features.Account;
using Liftoff.Web.Features.Audit;
using Liftoff.Web.Features.Backlog;
using Liftoff.Web.Features.Calendar;
using Liftoff.Web.Features.Communications;
using Liftoff.Web.Features.Disclosure;
using Liftoff.Web.Features.Home;
using Liftoff.Web.Features.KnowledgeBase;
using Liftoff.Web.Features.LendingShop;
using Liftoff.Web.Features.Organisations;
using Liftoff.Web.Features.Playbooks;
using Liftoff.Web.Features.Portal;
using Liftoff.Web.Features.ReleaseNotes;
using Liftoff.Web.Features.Releases;
using Liftoff.Web.Features.Roadmap;
using Liftoff.Web.Features.Support;
using Liftoff.Web.Features.Tasks;
using Liftoff.Web.Features.Teams;
using Liftoff.Web.Features.Users;
using Liftoff.Web.Features.Workspace;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Infrastructure.Cli;
using Liftoff.Web.Infrastructure.Database;
using Liftoff.Web.Infrastructure.Email;
using Liftoff.Web.Infrastructure.Web;

var command = CommandLine.Detect(args);
// Command arguments are not configuration; only the web app reads --urls and friends from args.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = command is null ? args : [],
    ContentRootPath = WebSetup.ContentRoot(),
});
builder.WebHost.UseStaticWebAssets();

builder.Services.AddLiftoffDatabase(builder.Configuration);
builder.Services.AddLiftoffAuth(builder.Configuration);
builder.Services.AddLiftoffWeb();
builder.Services.AddLiftoffEmail(builder.Configuration);
builder.Services.AddUsers();
builder.Services.AddTeams();
builder.Services.AddAccount();
builder.Services.AddRoadmap();
builder.Services.AddHome();
builder.Services.AddDisclosure();
builder.Services.AddSupport(builder.Configuration);
builder.Services.AddBacklog();
builder.Services.AddOrganisations();
builder.Services.AddPortal();
builder.Services.AddCommunications(builder.Configuration);
builder.Services.AddWorkspace(builder.Configuration);
builder.Services.AddTasks(builder.Configuration);
builder.Services.AddPlaybooks();
builder.Services.AddCalendarFeeds();
builder.Services.AddReleases();
builder.Services.AddReleaseNotes(builder.Configuration);
builder.Services.AddKnowledgeBase();
builder.Services.AddLendingShop(builder.Configuration);

var app = builder.Build();

if (command is not null)
{
    return await CommandLine.RunAsync(app.Services, command, Console.Out, Console.Error);
}

await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeOnStartAsync();
}

if (PublicLinks.Warning(app.Configuration, app.Services.GetRequiredService<PublicLinks>()) is { } linkWarning)
{
    app.Logger.LogWarning("{Warning}", linkWarning);
}

app.UseLiftoffWeb();
app.MapAccount();
app.MapUsers();
app.MapTeams();
app.MapAudit();
app.MapRoadmap();
app.MapHome();
app.MapDisclosure();
app.MapSupport();
app.MapSupportImportApi();
app.MapBacklog();
app.MapOrganisations();
app.MapCommunications();
app.MapNewsletterApi();
app.MapReleases();
app.MapTasks();
app.MapPlaybooks();
app.MapCalendarFeeds();
app.MapKnowledgeBase();
app.MapKnowledgeBaseApi();
app.MapReleaseNotes();
app.MapLendingShop();
app.MapLiftoffShell();

await app.RunAsync();
return 0;

public partial class Program;
