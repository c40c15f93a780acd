using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Data.Communications;
using Liftoff.Data.Identity;
using Liftoff.Data.Organisation;
using Liftoff.Data.Roadmap;
using Liftoff.Domain.Rollout;
using Liftoff.Web.Infrastructure.Auth;
using Liftoff.Web.Tests.Infrastructure;
using Liftoff.Web.Tests.LendingShop;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Liftoff.Browser.Tests;

/// <summary>
/// The app on Kestrel with a clock the test moves (from five weeks before a release to two weeks after
/// it), email to a real SMTP server, newsletters sent in the background and the lending shop's webhook
/// answered by a real HTTP listener.
/// </summary>
public sealed class ReleaseLifecycleFixture : IAsyncLifetime
{
    public const string ShopSecret = "lending-shop-journey-secret";
    public const string CustomerTeams = "customer-teams@liftoff.test";

    /// <summary>Monday 1 March 2027, 09:00 UTC: five weeks before the release as first planned.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public TestSmtpServer Smtp { get; } = new();

    public WebhookReceiver Shop { get; } = new(ShopSecret, 200);

    public LiftoffFactory App { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Chromium; every page it opens is watched for the running test.</summary>
    public WatchedBrowser Browser { get; } = new();

    private sealed class LifecycleFactory(ReleaseLifecycleFixture fixture) : LiftoffFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Email:SmtpHost", "127.0.0.1");
            builder.UseSetting("Email:SmtpPort", fixture.Smtp.Port.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Email:SmtpSecurity", "None");
            // Background loops wait on the injected clock: each step of the test clock lets them run once more.
            builder.UseSetting("Email:PollInterval", "00:00:01");
            builder.UseSetting("Newsletter:RunInBackground", "true");
            builder.UseSetting("Newsletter:PollInterval", "00:00:01");
            builder.UseSetting("Newsletter:MessagesPerSecond", "0");
            builder.UseSetting("Newsletter:PublicBaseUrl", "http://liftoff.test");
            builder.UseSetting("Communications:CustomerTeamsAddress", CustomerTeams);
            builder.UseSetting("LendingShop:Url", fixture.Shop.Url);
            builder.UseSetting("LendingShop:Secret", ShopSecret);
            builder.UseSetting("LendingShop:PollInterval", "00:00:00.200");
            builder.UseSetting("Support:TimeZone", "UTC");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(fixture.Clock));
        }
    }

    public async Task InitializeAsync()
    {
        App = new LifecycleFactory(this);
        App.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .TrimEnd('/');
        await Browser.StartAsync(BaseUrl);
    }

    public Task<IBrowserContext> NewContextAsync(string who) => Browser.NewContextAsync(who: who);

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await App.DisposeAsync();
        await Shop.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
