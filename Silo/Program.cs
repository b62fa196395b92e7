using Chat.Silo.Aws;
using Chat.Silo.Hosting;
using Microsoft.Extensions.Hosting;

namespace Chat.Silo;

/// <summary>The back silo: grain capacity without HTTP.</summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContentRoot.Resolve(args) });
        builder.AddChatAws();
        builder.AddChatSilo();
        await builder.Build().RunAsync();
    }
}
