using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Chat.Api.Client;

/// <summary>
/// Serves the browser client (built from <c>web/</c> into <see cref="ClientOptions.Path"/>): content-hashed assets
/// cached for a year, <c>index.html</c> revalidated on every load and returned for every client route (SPA
/// fallback), a Content-Security-Policy that forbids inline and foreign script, and CORS for a client served from
/// another origin (a CDN).
/// </summary>
public static class ClientAppExtensions
{
    /// <summary>
    /// Only the app's own files run; styles only from its stylesheet (React's style properties go through the CSSOM,
    /// which CSP does not restrict); the API and the hub on the same origin (<c>'self'</c> covers <c>ws:</c>/<c>wss:</c>).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string IndexFile = "index.html";
    private const string AssetsPrefix = "/assets/";

    /// <summary>Paths that belong to the server: never answered with the client's page.</summary>
    private static readonly string[] ServerPaths = ["/api", "/hubs", "/health", "/openapi", "/dashboard"];

    public static WebApplicationBuilder AddChatClient(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClientOptions>().BindConfiguration(ClientOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddCors();
        builder.Services.AddSingleton<IConfigureOptions<CorsOptions>, ConfigureClientCors>();
        return builder;
    }

    /// <summary>CORS for the configured origins, then the client's static files.</summary>
    public static WebApplication UseChatClient(this WebApplication app)
    {
        app.UseCors();
        var options = app.Services.GetRequiredService<IOptions<ClientOptions>>().Value;
        if (Directory.Exists(options.ResolvedPath))
        {
            var maxAge = (long)options.AssetMaxAge.TotalSeconds;
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(options.ResolvedPath),
                ContentTypeProvider = new FileExtensionContentTypeProvider(),
                OnPrepareResponse = context => SetHeaders(context.Context.Response, context.Context.Request.Path, maxAge),
            });
        }

        return app;
    }

    /// <summary>
    /// Every other GET outside the server's own paths gets <c>index.html</c>: the client routes it. A path that names a
    /// file (it has an extension) and was not found by the static files is a 404, not the page.
    /// </summary>
    public static WebApplication MapChatClient(this WebApplication app)
    {
        app.MapFallback(ServeIndex).ExcludeFromDescription();
        return app;
    }

    public static Results<PhysicalFileHttpResult, NotFound, ProblemHttpResult> ServeIndex(HttpContext context, IOptions<ClientOptions> options)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || IsServerPath(request.Path) || Path.HasExtension(request.Path.Value))
        {
            return TypedResults.NotFound();
        }

        var index = Path.Combine(options.Value.ResolvedPath, IndexFile);
        if (!File.Exists(index))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "The browser client is not built",
                detail: "Build the Api without -p:SkipClientBuild=true (it runs npm ci and npm run build in web/), or set Chat:Client:Path.");
        }

        SetHeaders(context.Response, "/" + IndexFile, 0);
        return TypedResults.PhysicalFile(index, "text/html; charset=utf-8");
    }

    public static bool IsServerPath(PathString path) =>
        ServerPaths.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    private static void SetHeaders(HttpResponse response, PathString path, long assetMaxAge)
    {
        var headers = response.Headers;
        headers[HeaderNames.CacheControl] = path.StartsWithSegments(AssetsPrefix.TrimEnd('/'), StringComparison.Ordinal)
            ? $"public, max-age={assetMaxAge}, immutable"
            : "no-cache";
        headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
    }
}
