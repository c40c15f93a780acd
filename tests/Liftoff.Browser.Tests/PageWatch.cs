using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Liftoff.Browser.Tests;

/// <summary>
/// Everything that went wrong in the pages one test opened: console errors, script errors, failed requests,
/// answers of 400 and above, and an error message shown beside a success message. Answers a test provokes on
/// purpose are allowed page by page with <see cref="AllowResponse"/> or <see cref="AllowConsole"/>.
/// </summary>
public sealed class PageWatch
{
    /// <summary>Runs in every page after it loads and after every htmx swap.</summary>
    private const string ErrorBesideSuccessScript = """
        (() => {
          const shown = (selector) => [...document.querySelectorAll(selector)]
            .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
            .map(e => e.innerText.trim().replace(/\s+/g, ' '))
            .filter(t => t.length > 0);
          const check = () => {
            const errors = shown('[role=alert], .field-validation-error');
            const successes = shown('.alert.ok, .alert.success, .alert[role=status]');
            if (errors.length > 0 && successes.length > 0) {
              window.__journeyReport(
                `error "${errors.join(' | ')}" shown beside success "${successes.join(' | ')}"`);
            }
          };
          window.addEventListener('load', check);
          document.addEventListener('htmx:afterSettle', check);
        })();
        """;

    private readonly string _appOrigin;
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentDictionary<IPage, ConcurrentBag<Func<string, bool>>> _allowed = new();
    private readonly ConcurrentQueue<IBrowserContext> _contexts = new();

    /// <param name="appOrigin">
    /// The app's address: problems of pages showing another site (the sign-in provider) are not the app's.
    /// </param>
    public PageWatch(string appOrigin) => _appOrigin = appOrigin;

    public IReadOnlyCollection<string> Problems => _problems.Distinct().ToList();

    /// <summary>Starts watching a new context and every page opened in it.</summary>
    public async Task WatchAsync(IBrowserContext context, string who)
    {
        _contexts.Enqueue(context);
        await context.ExposeBindingAsync("__journeyReport", (BindingSource source, string message) =>
            Record(source.Page, $"{who} on {source.Page?.Url}: {message}"));
        await context.AddInitScriptAsync(ErrorBesideSuccessScript);
        context.Page += (_, page) => Watch(page, who);
        foreach (var page in context.Pages)
        {
            Watch(page, who);
        }
    }

    /// <summary>
    /// A status this page's test provokes on purpose for an address containing <paramref name="urlPart"/>, with
    /// what Chromium says about it: the console line and, for a resource, the abandoned body.
    /// </summary>
    public void AllowResponse(IPage page, int status, string urlPart) =>
        Allow(page, p => p.Contains(urlPart, StringComparison.Ordinal)
            && (p.Contains($"got {status} for ", StringComparison.Ordinal)
                || p.Contains($"status of {status}", StringComparison.Ordinal)
                || p.Contains("request failed", StringComparison.Ordinal)
                    && p.Contains("net::ERR_ABORTED", StringComparison.Ordinal)));

    /// <summary>A console message this page's test expects; it must contain every part.</summary>
    public void AllowConsole(IPage page, params string[] parts) =>
        Allow(page, p => p.Contains("console error", StringComparison.Ordinal)
            && parts.All(part => p.Contains(part, StringComparison.Ordinal)));

    /// <summary>Closes every context and fails when any page saw a problem.</summary>
    public async Task AssertCleanAsync()
    {
        while (_contexts.TryDequeue(out var context))
        {
            try
            {
                await context.CloseAsync();
            }
            catch (PlaywrightException)
            {
                // Already closed by the test.
            }
        }
        var problems = Problems;
        Assert.True(problems.Count == 0, "The pages of this journey were not clean:\n" + string.Join("\n", problems));
    }

    /// <summary>The problems recorded so far, forgotten afterwards (for checking the watch itself).</summary>
    public IReadOnlyList<string> TakeProblems()
    {
        var taken = new List<string>();
        while (_problems.TryDequeue(out var problem))
        {
            taken.Add(problem);
        }
        return taken;
    }

    private void Allow(IPage page, Func<string, bool> match) => _allowed.GetOrAdd(page, _ => []).Add(match);

    private void Watch(IPage page, string who)
    {
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                Record(page, $"{who} console error on {page.Url} from {m.Location}: {m.Text}");
            }
        };
        page.PageError += (_, e) => Record(page, $"{who} script error on {page.Url}: {e}");
        page.RequestFailed += (_, r) =>
            Record(page, $"{who} request failed: {r.Method} {r.Url} ({r.ResourceType}, {r.Failure})");
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                Record(page, $"{who} got {r.Status} for {r.Request.Method} {r.Url} ({r.Request.ResourceType})");
            }
        };
    }

    private void Record(IPage? page, string problem)
    {
        if (page is not null && !page.Url.StartsWith(_appOrigin, StringComparison.Ordinal) && page.Url != "about:blank")
        {
            return;
        }
        if (page is not null && _allowed.TryGetValue(page, out var allowed) && allowed.Any(a => a(problem)))
        {
            return;
        }
        _problems.Enqueue(problem);
    }
}
