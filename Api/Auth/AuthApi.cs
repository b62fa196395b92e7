using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Chat.Api.Auth;

/// <summary><c>/api/auth</c>: accounts and tokens.</summary>
public static class AuthApi
{
    public const string RateLimitPolicy = "auth";

    private static readonly Lazy<string> UnknownUserHash = new(() => new PasswordHasher<string>().HashPassword("", Guid.NewGuid().ToString()));

    public static RouteGroupBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth").AllowAnonymous().RequireRateLimiting(RateLimitPolicy);
        group.MapPost("/register", Register).WithName("Register");
        group.MapPost("/login", Login).WithName("Login");
        return group;
    }

    public static async Task<Results<Created<AuthResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request, IGrainFactory grains, IPasswordHasher<string> hasher, TokenService tokens)
    {
        var errors = new Dictionary<string, string[]>();
        var userName = ChatLimits.NormalizeUserName(request.UserName ?? "");
        if (!ChatLimits.IsValidUserName(userName))
        {
            errors["userName"] = [ChatLimits.UserNameRule];
        }

        if (request.Password is null || request.Password.Length < ChatLimits.MinPasswordLength || request.Password.Length > ChatLimits.MaxPasswordLength)
        {
            errors["password"] = [$"A password is {ChatLimits.MinPasswordLength} to {ChatLimits.MaxPasswordLength} characters."];
        }

        if (request.DisplayName is { } displayName && displayName.Trim().Length > ChatLimits.MaxDisplayNameLength)
        {
            errors["displayName"] = [$"A display name is at most {ChatLimits.MaxDisplayNameLength} characters."];
        }

        if (request.Email is not null && !ChatLimits.IsValidEmailAddress(request.Email))
        {
            errors["email"] = [ChatLimits.EmailRule];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var hash = hasher.HashPassword(userName, request.Password!);
        if (!await grains.Reference<IUserGrain>(userName).RegisterAsync(hash, request.DisplayName, request.Email?.Trim()))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: $"The user name '{userName}' is taken.");
        }

        return TypedResults.Created("/api/me", new AuthResponse(userName, tokens.Issue(userName)));
    }

    public static async Task<Results<Ok<AuthResponse>, ProblemHttpResult>> Login(
        LoginRequest request, IGrainFactory grains, IPasswordHasher<string> hasher, TokenService tokens)
    {
        var userName = ChatLimits.NormalizeUserName(request.UserName ?? "");
        var password = request.Password ?? "";
        var hash = ChatLimits.IsValidUserName(userName) ? await grains.Reference<IUserGrain>(userName).GetPasswordHashAsync() : null;

        // An unknown user costs the same hash check as a known one, so timing does not tell them apart.
        var result = hasher.VerifyHashedPassword(userName, hash ?? UnknownUserHash.Value, password);
        if (hash is null)
        {
            result = PasswordVerificationResult.Failed;
        }

        if (result == PasswordVerificationResult.Failed)
        {
            // One answer for an unknown user and a wrong password.
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "Unknown user name or wrong password.");
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await grains.Reference<IUserGrain>(userName).SetPasswordHashAsync(hasher.HashPassword(userName, password));
        }

        return TypedResults.Ok(new AuthResponse(userName, tokens.Issue(userName)));
    }
}
