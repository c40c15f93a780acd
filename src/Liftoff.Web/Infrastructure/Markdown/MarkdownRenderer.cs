using Ganss.Xss;
using Markdig;

namespace Liftoff.Web.Infrastructure.Markdown;

/// <summary>
/// Markdown to safe HTML: Markdig renders, HtmlSanitizer removes scripts, iframes, handlers and unsafe URLs,
/// and form controls: a text someone wrote must not show readers a form that asks for their password.
/// Every page, feed and email renders Markdown through this one instance.
/// </summary>
public sealed class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static readonly IReadOnlyList<string> FormTags =
    [
        "form", "input", "button", "select", "option", "optgroup", "textarea", "fieldset", "legend", "datalist",
        "output", "label",
    ];

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        foreach (var tag in FormTags)
        {
            sanitizer.AllowedTags.Remove(tag);
        }
        foreach (var attribute in new[] { "action", "formaction", "method", "formmethod", "form" })
        {
            sanitizer.AllowedAttributes.Remove(attribute);
        }
        return sanitizer;
    }

    public string ToSafeHtml(string markdown) => _sanitizer.Sanitize(Markdig.Markdown.ToHtml(markdown ?? "", Pipeline));

    public static string ToPlainText(string markdown) => Markdig.Markdown.ToPlainText(markdown ?? "", Pipeline).Trim();
}
