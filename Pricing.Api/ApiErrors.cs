using System.Text.Json;

namespace Pricing.Gateway;

/// <summary>
/// REST errors as JSON: a bad argument is a 400 with its code; anything unexpected a 500 that says where to look
/// (the gateway's log, which has the details) and never a stack trace outside Development.
/// </summary>
public sealed class ApiErrors(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (ApiArgumentException e) when (!http.Response.HasStarted)
        {
            var status = e.Code == ApiArgumentException.UnknownSku ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
            await WriteAsync(http, status, e.Code!, e.Message);
        }
    }

    public static Task WriteUnexpectedAsync(HttpContext http) =>
        WriteAsync(http, StatusCodes.Status500InternalServerError, "INTERNAL_ERROR", "the request failed; the gateway's log has the details");

    public static Task WriteAsync(HttpContext http, int status, string code, string detail)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(Body(code, detail), JsonSerializerOptions.Web);
    }

    /// <summary>The same error as an endpoint's result.</summary>
    public static IResult Result(int status, string code, string detail) => Results.Json(Body(code, detail), JsonSerializerOptions.Web, statusCode: status);

    private static object Body(string code, string detail) => new { error = code, detail };
}
