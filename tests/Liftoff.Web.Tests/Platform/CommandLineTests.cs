using System.Net.Http.Headers;
using Liftoff.Data.Identity;
using Liftoff.Web.Infrastructure.Cli;
using Liftoff.Web.Tests.Infrastructure;

namespace Liftoff.Web.Tests.Platform;

public sealed class CommandLineTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        _ = factory.Server;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(factory.Services, args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task UserAdd_ThenList_ShowsTheUserWithRole()
    {
        var email = $"cli-{Guid.NewGuid():N}@test.example";

        var add = await RunAsync("user", "add", email, "Cli Person", "Staff");
        var list = await RunAsync("user", "list");

        Assert.Equal(0, add.Code);
        Assert.Contains("Password (shown once)", add.Output);
        Assert.Contains(email, list.Output);
    }

    [Fact]
    public async Task UserAdd_UnknownRole_FailsWithMessage()
    {
        var result = await RunAsync("user", "add", "x@test.example", "X", "Boss");

        Assert.Equal(1, result.Code);
        Assert.Contains("Unknown role", result.Error);
    }

    [Fact]
    public async Task SetRole_UnknownUser_FailsWithMessage()
    {
        var result = await RunAsync("user", "set-role", "ghost@test.example", "Admin");

        Assert.Equal(1, result.Code);
        Assert.Contains("No user with email ghost@test.example", result.Error);
    }

    [Fact]
    public async Task ResetPassword_PrintsPasswordThatSignsIn()
    {
        var user = await factory.CreateUserAsync(Roles.Staff);

        var result = await RunAsync("user", "reset-password", user.Email);

        Assert.Equal(0, result.Code);
        var password = result.Output.Trim().Split(' ')[^1];
        await factory.SignInAsync(user with { Password = password });
    }

    [Fact]
    public async Task TokenCreate_PrintsWorkingToken()
    {
        var user = await factory.CreateUserAsync(Roles.Staff);

        var result = await RunAsync("token", "create", user.Email, "nightly");

        Assert.Equal(0, result.Code);
        var token = result.Output.Trim().Split('\n')[^1].Trim();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task UnknownCommand_PrintsUsageAndFails()
    {
        var result = await RunAsync("user", "explode");

        Assert.Equal(2, result.Code);
        Assert.Contains("usage: liftoff", result.Error);
    }

    [Fact]
    public void Detect_NoCommand_StartsTheWebApp()
    {
        Assert.Null(CommandLine.Detect(["--urls", "http://127.0.0.1:6000"]));
        Assert.NotNull(CommandLine.Detect(["migrate"]));
    }
}
