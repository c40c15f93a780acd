using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liftoff.Web.Features;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public string Title => Code switch
    {
        404 => "Page not found",
        400 => "The request could not be understood",
        405 => "Not allowed",
        _ => "Something went wrong",
    };

    public string Explanation => Code switch
    {
        404 => "There is nothing at this address. Check the link or go back to the start page.",
        400 => "The form may have expired. Go back, reload the page and try again.",
        _ => "The request could not be completed.",
    };

    public void OnGet(int code) => Code = code;

    public void OnPost(int code) => Code = code;
}
