using Mem0.Api.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mem0.Api.Ui;

/// <summary>
/// What every console page shares: the message of the action just done (carried on the redirect after a POST, so a
/// reload never repeats it), and a refusal of the API's turned into a message on the page with its status, where a
/// script would get the JSON error shape.
/// </summary>
public abstract class ConsolePage : PageModel
{
    /// <summary>What the last action did, from `?done=` after its redirect.</summary>
    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    /// <summary>Why the page could not do what was asked, shown in an alert.</summary>
    public string? Problem { get; protected set; }

    /// <summary>Runs one call of the API's handlers; a refusal becomes <see cref="Problem"/> and the response's status.</summary>
    protected async Task<T?> AttemptAsync<T>(Func<Task<T>> call) where T : class
    {
        try
        {
            return await call();
        }
        catch (ApiError error)
        {
            Refuse(error.Message, error.Status);
            return null;
        }
    }

    /// <summary>Shows <paramref name="problem"/> on the page, answered with <paramref name="status"/>.</summary>
    protected void Refuse(string problem, int status = StatusCodes.Status422UnprocessableEntity)
    {
        Problem = problem;
        Response.StatusCode = status;
    }

    /// <summary>Back to a console page with the outcome to show, after a POST (so reload does not post again).</summary>
    protected RedirectResult Back(string path, string done) =>
        Redirect(path + (path.Contains('?') ? "&" : "?") + "done=" + Uri.EscapeDataString(done));
}
