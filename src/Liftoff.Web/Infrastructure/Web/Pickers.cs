using System.Globalization;
using System.Net;
using System.Text;
using Liftoff.Data;
using Liftoff.Data.Backlog;
using Liftoff.Data.Rollout;
using Liftoff.Domain.Rollout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.EntityFrameworkCore;

namespace Liftoff.Web.Infrastructure.Web;

/// <summary>One choice of a type-ahead picker: "#12 Software 5.2 · Flight planning".</summary>
public sealed record PickOption(long Id, string Label)
{
    public string Text => string.Create(CultureInfo.InvariantCulture, $"#{Id} {Label}");
}

/// <summary>A type-ahead field: a text box with a list of choices that narrows as people type.</summary>
public sealed record Picker(string Id, string Name, string Label, long? Value, IReadOnlyList<PickOption> Options,
    string? Source = null, bool Required = false, string? Hint = null)
{
    public string ListId => Id + "-choices";

    public string? Text => Value is { } v ? Options.FirstOrDefault(o => o.Id == v)?.Text ?? $"#{v}" : null;
}

/// <summary>
/// Binds a picked choice ("#12 Winter refresh", or just "12") to its number. Anything else is refused with
/// the message of the <see cref="PickedIdAttribute"/>, in words, never with the field's name.
/// </summary>
public sealed class PickedIdBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var raw = bindingContext.ValueProvider.GetValue(bindingContext.ModelName).FirstValue?.Trim() ?? "";
        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, raw, raw);
        if (raw.Length == 0)
        {
            bindingContext.Result = Nullable.GetUnderlyingType(bindingContext.ModelType) is null
                ? ModelBindingResult.Success(Activator.CreateInstance(bindingContext.ModelType))
                : ModelBindingResult.Success(null);
            return Task.CompletedTask;
        }
        var digits = new string(raw.TrimStart('#').TakeWhile(char.IsAsciiDigit).ToArray());
        if (digits.Length is > 0 and <= 18 && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture,
            out var id))
        {
            var type = Nullable.GetUnderlyingType(bindingContext.ModelType) ?? bindingContext.ModelType;
            if (type == typeof(int) && id <= int.MaxValue)
            {
                bindingContext.Result = ModelBindingResult.Success((int)id);
                return Task.CompletedTask;
            }
            if (type == typeof(long))
            {
                bindingContext.Result = ModelBindingResult.Success(id);
                return Task.CompletedTask;
            }
        }
        var message = (bindingContext.ModelMetadata as DefaultModelMetadata)?.Attributes.PropertyAttributes?
            .OfType<PickedIdAttribute>().FirstOrDefault()?.Message ?? "Choose one of the suggestions in the list.";
        bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, message);
        bindingContext.Result = ModelBindingResult.Failed();
        return Task.CompletedTask;
    }
}

/// <summary>Marks a number chosen with a type-ahead picker; <see cref="Message"/> says what to do when it is not
/// one.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PickedIdAttribute : ModelBinderAttribute
{
    public PickedIdAttribute(string message)
    {
        Message = message;
        BinderType = typeof(PickedIdBinder);
    }

    public string Message { get; }
}

/// <summary>The choices of the pickers: releases by their display name, requests by number and title.</summary>
public sealed class PickLists(AppDbContext db)
{
    public const int MostRequests = 20;

    public async Task<IReadOnlyList<PickOption>> ReleasesAsync(CancellationToken ct = default) =>
        (await db.Releases.AsNoTracking().Where(r => r.Status != ReleaseStatus.Cancelled)
            .OrderByDescending(r => r.PlannedDate).Take(200)
            .Select(r => new { r.Id, r.Product, r.Version, r.Name }).ToListAsync(ct))
        .Select(r => new PickOption(r.Id, ReleaseNames.Display(r.Product, r.Version, r.Name))).ToList();

    /// <summary>Roadmap items by title (internal pages only: titles and codenames never reach External
    /// users).</summary>
    public async Task<IReadOnlyList<PickOption>> RoadmapItemsAsync(CancellationToken ct = default) =>
        (await db.RoadmapItems.AsNoTracking().OrderBy(i => i.Title).Take(1000)
            .Select(i => new { i.Id, i.Title, i.Codename }).ToListAsync(ct))
        .Select(i => new PickOption(i.Id, string.IsNullOrEmpty(i.Codename) ? i.Title : $"{i.Title} ({i.Codename})"))
            .ToList();

    /// <summary>Open requests whose number or title matches what was typed; the newest first when nothing is
    /// typed.</summary>
    public async Task<IReadOnlyList<PickOption>> RequestsAsync(string? typed, CancellationToken ct = default)
    {
        var text = (typed ?? "").Trim().TrimStart('#');
        var query = db.FeatureRequests.AsNoTracking().Where(r => r.MergedIntoId == null);
        var digits = new string(text.TakeWhile(char.IsAsciiDigit).ToArray());
        if (digits.Length is > 0 and <= 18 && long.TryParse(digits, CultureInfo.InvariantCulture, out var id))
        {
            query = query.Where(r => r.Id == id);
        }
        else if (text.Length > 0)
        {
            var escaped = text.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal);
            var pattern = $"%{escaped}%";
            query = query.Where(r => EF.Functions.Like(r.Title.ToLower(), pattern.ToLowerInvariant(), "\\"));
        }
        return (await query.OrderByDescending(r => r.Id).Take(MostRequests).Select(r => new { r.Id, r.Title })
            .ToListAsync(ct))
            .Select(r => new PickOption(r.Id, r.Title)).ToList();
    }

    /// <summary>The options as HTML for a picker's list, encoded.</summary>
    public static string Html(IEnumerable<PickOption> options)
    {
        var html = new StringBuilder();
        foreach (var o in options)
        {
            html.Append("<option value=\"").Append(WebUtility.HtmlEncode(o.Text)).Append("\"></option>");
        }
        return html.ToString();
    }

    public static IEndpointRouteBuilder MapPickers(IEndpointRouteBuilder app)
    {
        // Any query parameter carries what was typed: the picker sends its own field, whatever its name.
        app.MapGet("/pick/requests", async (HttpRequest request, PickLists lists, CancellationToken ct) =>
            TypedResults.Content(Html(await lists.RequestsAsync(request.Query.FirstOrDefault().Value.ToString(), ct)),
                "text/html"))
            .RequireAuthorization(Auth.Policies.Staff).ExcludeFromDescription();
        return app;
    }
}
