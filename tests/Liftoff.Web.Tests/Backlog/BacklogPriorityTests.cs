using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Liftoff.Data.Identity;
using Liftoff.Data.Organisation;
using Liftoff.Web.Features.Backlog.Priorities;
using Liftoff.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Liftoff.Web.Tests.Backlog.BacklogTestData;

namespace Liftoff.Web.Tests.Backlog;

public sealed class BacklogPriorityTests(LiftoffFactory factory) : IClassFixture<LiftoffFactory>
{
    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task Ranked_StrategicFitFromALead_LiftsARequestAboveOneWithMoreVotes()
    {
        var segment = "Seg" + Guid.NewGuid().ToString("N")[..6];
        var org = await CreateOrganisationAsync(factory, segment, null);
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var lead = await factory.TokenClientAsync(Roles.Lead);
        var popular = await CreateRequestAsync(staff, "Popular request", org, "p1@customer.example");
        await AddRequestorAsync(staff, popular.Id, org, "p2@customer.example");
        var strategic = await CreateRequestAsync(staff, "Strategic request", org, "s1@customer.example");

        var before = await staff.GetFromJsonAsync<List<RankedRequest>>($"/api/requests/ranked?segment={segment}");
        var byStaff = await staff.PutAsJsonAsync($"/api/requests/{strategic.Id}/strategic-fit", new { rating = 5 });
        var byLead = await lead.PutAsJsonAsync($"/api/requests/{strategic.Id}/strategic-fit", new { rating = 5 });
        var after = await staff.GetFromJsonAsync<List<RankedRequest>>($"/api/requests/ranked?segment={segment}");
        var byVotes = await staff.GetFromJsonAsync<List<RankedRequest>>(
            $"/api/requests/ranked?segment={segment}&sort=votes");

        Assert.Equal([popular.Id, strategic.Id], before!.Select(r => r.Id));
        Assert.Equal(HttpStatusCode.Forbidden, byStaff.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byLead.StatusCode);
        Assert.Equal([strategic.Id, popular.Id], after!.Select(r => r.Id));
        Assert.True(after![0].Score > after[1].Score);
        Assert.Equal([popular.Id, strategic.Id], byVotes!.Select(r => r.Id));
        Assert.All(after, r => Assert.Equal([segment], r.Segments));
    }

    [Fact]
    public async Task Ranked_FiltersByStatusAndSegment()
    {
        var segment = "Seg" + Guid.NewGuid().ToString("N")[..6];
        var org = await CreateOrganisationAsync(factory, segment, "Gold");
        var otherOrg = await CreateOrganisationAsync(factory, "Other" + segment, null);
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var inSegment = await CreateRequestAsync(staff, "In segment", org, "a@customer.example");
        var reviewed = await CreateRequestAsync(staff, "In segment, under review", org, "b@customer.example");
        await CreateRequestAsync(staff, "Other segment", otherOrg, "c@customer.example");
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/requests/{reviewed.Id}/status",
            new { status = "UnderReview" })).StatusCode);

        var segmentOnly = await staff.GetFromJsonAsync<List<RankedRequest>>($"/api/requests/ranked?segment={segment}");
        var reviewedOnly = await staff.GetFromJsonAsync<List<RankedRequest>>(
            $"/api/requests/ranked?segment={segment}&status=UnderReview");
        var page = await (await factory.SignedInClientAsync(Roles.Staff))
            .GetStringAsync($"/Backlog/Priorities?Segment={segment}&Status=UnderReview");

        Assert.Equal([inSegment.Id, reviewed.Id], segmentOnly!.Select(r => r.Id).Order());
        Assert.Equal(reviewed.Id, Assert.Single(reviewedOnly!).Id);
        Assert.Contains("In segment, under review", page);
        Assert.DoesNotContain("Other segment", page);
    }

    [Fact]
    public async Task Inputs_SalesAndPartnership_RaiseTheScoreAndRecordHistory()
    {
        var org = await CreateOrganisationAsync(factory, null, null);
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var request = await CreateRequestAsync(staff, "Sales input request", org, "a@customer.example");
        var scoreBefore = (await staff.GetFromJsonAsync<JsonElement>($"/api/requests/{request.Id}/score"))
            .GetProperty("total").GetDouble();

        var saved = await staff.PutAsJsonAsync($"/api/requests/{request.Id}/priority",
            new { dealValue = 100_000, urgency = "High", partnershipStrength = 2, partnershipNote = "Joint launch" });
        var invalid = await staff.PutAsJsonAsync($"/api/requests/{request.Id}/priority",
            new { dealValue = -5, partnershipStrength = 9 });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var score = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(score.GetProperty("total").GetDouble() > scoreBefore);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var history = await DbAsync(factory, db => db.RequestScoreChanges.Where(c => c.RequestId == request.Id)
            .OrderBy(c => c.Id).ToListAsync());
        Assert.Equal("sales or partnership inputs changed", history[^1].Reason);
        Assert.Equal(score.GetProperty("total").GetDouble(), history[^1].Score);
        var inputs = await DbAsync(factory, db => db.RequestPriorities.AsNoTracking()
            .FirstAsync(p => p.RequestId == request.Id));
        Assert.Equal(100_000m, inputs.DealValue);
    }

    [Fact]
    public async Task Weights_LeadChangesThem_ScoresFollowAndStaffCannot()
    {
        var org = await CreateOrganisationAsync(factory, "Enterprise", null, OrganisationKind.Customer);
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var lead = await factory.TokenClientAsync(Roles.Lead);
        var request = await CreateRequestAsync(staff, "Weights request", org, "a@customer.example");
        var weights = (await staff.GetFromJsonAsync<WeightsView>("/api/requests/priority-weights"))!.Weights;
        var changed = weights with { PointsPerVote = 100, SegmentMultipliers = "Enterprise=3", CustomerMultiplier = 1 };

        var byStaff = await staff.PutAsJsonAsync("/api/requests/priority-weights", changed);
        var bad = await lead.PutAsJsonAsync("/api/requests/priority-weights",
            changed with { SegmentMultipliers = "Enterprise=lots" });
        var byLead = await lead.PutAsJsonAsync("/api/requests/priority-weights", changed);
        var stale = await lead.PutAsJsonAsync("/api/requests/priority-weights", changed);

        Assert.Equal(HttpStatusCode.Forbidden, byStaff.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("must be a number", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, byLead.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var score = await staff.GetFromJsonAsync<JsonElement>($"/api/requests/{request.Id}/score");
        Assert.Equal(300, score.GetProperty("components")[0].GetProperty("points").GetDouble());
        Assert.True(await DbAsync(factory, db => db.RequestScoreChanges.AnyAsync(c => c.RequestId == request.Id
            && c.Reason == "weights changed")));
        Assert.True(await DbAsync(factory, db => db.AuditEntries.AnyAsync(a => a.Action == "backlog.weights.updated")));
        // Put the defaults back for the other tests of this class.
        var current = (await staff.GetFromJsonAsync<WeightsView>("/api/requests/priority-weights"))!.Weights;
        Assert.Equal(HttpStatusCode.OK, (await lead.PutAsJsonAsync("/api/requests/priority-weights",
            weights with { RowVersion = current.RowVersion })).StatusCode);
    }

    [Fact]
    public async Task SurveyImport_DryRunWithErrors_StoresNothingAndAFixedFileImportsOnce()
    {
        var org = await CreateOrganisationAsync(factory, null, null);
        var staff = await factory.TokenClientAsync(Roles.Staff);
        var title = Unique("Survey target");
        var byTitle = await CreateRequestAsync(staff, title, org, "a@customer.example");
        var byId = await CreateRequestAsync(staff, Unique("Survey by id"), org, "b@customer.example");
        var bad = $"request,score\n{title},12\n#{byId.Id},abc\nNo such request at all,3\n{title},4\n";
        var good = $"request;score\n\"{title}\";12\n{byId.Id};7.5\n";

        var badRun = await staff.PostAsync("/api/requests/survey-import?dryRun=true", Csv(bad));
        var badImport = await staff.PostAsync("/api/requests/survey-import", Csv(bad));
        var preview = await staff.PostAsync("/api/requests/survey-import?dryRun=true", Csv(good));
        var stored = await DbAsync(factory, db =>
            db.RequestPriorities.CountAsync(p => p.RequestId == byTitle.Id || p.RequestId == byId.Id));
        var import = await staff.PostAsync("/api/requests/survey-import", Csv(good));
        var again = await staff.PostAsync("/api/requests/survey-import", Csv(good));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, badRun.StatusCode);
        var errors = (await badRun.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("row").GetInt32()).ToList();
        Assert.Equal([3, 4, 5], errors);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badImport.StatusCode);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal(0, stored);
        Assert.Equal(2, (await import.Content.ReadFromJsonAsync<SurveyImportReport>())!.Changed);
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<SurveyImportReport>())!.Changed);
        var survey = await DbAsync(factory, db =>
            db.RequestPriorities.Where(p => p.RequestId == byTitle.Id || p.RequestId == byId.Id)
            .OrderBy(p => p.RequestId).Select(p => p.SurveyScore).ToListAsync());
        Assert.Equal([12.0, 7.5], survey);
        Assert.Equal(1, await DbAsync(factory, db =>
            db.RequestScoreChanges.CountAsync(c => c.RequestId == byId.Id && c.Reason == "survey result imported")));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("name,value\nx,1\n", "request column")]
    public async Task SurveyImport_UnusableFile_ExplainsWhat(string csv, string message)
    {
        var staff = await factory.TokenClientAsync(Roles.Staff);

        var response = await staff.PostAsync("/api/requests/survey-import?dryRun=true", Csv(csv));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DetailPage_ShowsRequestorsBreakdownHistoryAndLeadOnlyRating()
    {
        var org = await CreateOrganisationAsync(factory, "Public sector", "Silver");
        var staffUser = await factory.CreateUserAsync(Roles.Staff);
        var staff = await factory.TokenClientAsync(staffUser);
        var request = await CreateRequestAsync(staff, "Detail page request", org, "dana@customer.example",
            "Long description here.", "Dana");
        await AddRequestorAsync(staff, request.Id, org, "eli@customer.example");
        var staffBrowser = await factory.SignInAsync(staffUser);
        var leadBrowser = await factory.SignedInClientAsync(Roles.Lead);

        var page = await staffBrowser.GetStringAsync($"/Backlog/{request.Id}");
        var leadPage = await leadBrowser.GetStringAsync($"/Backlog/{request.Id}");
        var staffRating = await LiftoffFactory.PostFormAsync(staffBrowser,
            $"/Backlog/{request.Id}?handler=StrategicFit", new() { ["Rating"] = "5" }, $"/Backlog/{request.Id}");
        var leadRating = await LiftoffFactory.PostFormAsync(leadBrowser, $"/Backlog/{request.Id}?handler=StrategicFit",
            new() { ["Rating"] = "4" }, $"/Backlog/{request.Id}");
        var notes = await LiftoffFactory.PostFormAsync(staffBrowser, $"/Backlog/{request.Id}?handler=Notes",
            new() { ["InternalNotes"] = "Ask Dana for a sample file.", ["RowVersion"] = "999" },
            $"/Backlog/{request.Id}");

        Assert.Contains("Dana", page);
        Assert.Contains("Public sector", page);
        Assert.Contains("Silver", page);
        Assert.Contains("Strategic fit", page);
        Assert.Contains("requestor added", page);
        Assert.Contains("Only leads rate strategic fit", page);
        Assert.Contains("Save rating", leadPage);
        Assert.Equal(HttpStatusCode.Redirect, staffRating.StatusCode);
        Assert.Contains("/Account/AccessDenied", staffRating.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, leadRating.StatusCode);
        Assert.Contains("Strategic fit saved", await leadRating.Content.ReadAsStringAsync());
        Assert.Contains("Someone else changed this request", await notes.Content.ReadAsStringAsync());
        Assert.Equal(4, await DbAsync(factory, db => db.RequestPriorities.Where(p => p.RequestId == request.Id)
            .Select(p => p.StrategicFit).FirstAsync()));
    }
}
