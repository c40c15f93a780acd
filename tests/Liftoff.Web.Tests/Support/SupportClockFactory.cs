using Liftoff.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Liftoff.Web.Tests.Support;

/// <summary>
/// The app on a fixed clock (Wednesday 20 January 2027, 09:00 UTC) with support days counted in Berlin.
/// </summary>
public sealed class SupportClockFactory : LiftoffFactory
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2027, 1, 20, 9, 0, 0, TimeSpan.Zero));

    public static DateOnly Today => new(2027, 1, 20);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Support:TimeZone", "Europe/Berlin");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
