using Microsoft.AspNetCore.Http.HttpResults;

namespace Chat.PlainSignalR;

/// <summary>
/// The REST calls of the load tool's set-up, answered without checking anything: a user's token is its name, every
/// room exists. Loopback only (the URL defaults to 127.0.0.1): this is a yardstick, not a server to expose.
/// </summary>
public static class PlainChat
{
    public static WebApplication MapPlainChat(this WebApplication app)
    {
        if (string.IsNullOrEmpty(app.Configuration["urls"]))
        {
            app.Urls.Add("http://127.0.0.1:5190");
        }

        app.MapPost("/api/auth/register", SignIn);
        app.MapPost("/api/auth/login", SignIn);
        app.MapGet("/api/me", Me);
        app.MapPost("/api/rooms", CreateRoom);
        app.MapHub<PlainChatHub>(PlainChatHub.Path);
        return app;
    }

    /// <summary>The user a request speaks for: its bearer token (header, or <c>access_token</c> for browsers' WebSockets).</summary>
    public static string UserOf(HttpContext? context)
    {
        var header = context?.Request.Headers.Authorization.ToString() ?? "";
        return header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : context?.Request.Query["access_token"].ToString() ?? "";
    }

    private static Ok<SignInReply> SignIn(SignInRequest request) => TypedResults.Ok(new SignInReply(request.UserName, request.UserName));

    private static Ok<SignInReply> Me(HttpContext context) => TypedResults.Ok(new SignInReply(UserOf(context), UserOf(context)));

    private static Created CreateRoom() => TypedResults.Created();
}
