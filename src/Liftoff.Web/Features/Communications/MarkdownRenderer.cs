using Ganss.Xss;
using Markdig;

namespace Liftoff.Web.Features.Communications;

/// <summary>Markdown to safe HTML: Markdig renders, HtmlSanitizer removes scripts, iframes, handlers and unsafe URLs.</summary>
public sealed class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();
    private readonly HtmlSanitizer _sanitizer = new();

    public string ToSafeHtml(string markdown) => _sanitizer.Sanitize(Markdown.ToHtml(markdown ?? "", Pipeline));

    public static string ToPlainText(string markdown) => Markdown.ToPlainText(markdown ?? "", Pipeline).Trim();
}
