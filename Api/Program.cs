using Chat.Api;
using Chat.Api.Infrastructure;
using Chat.Silo.Aws;
using Chat.Silo.Hosting;

SharedBufferPool.Configure();
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContentRoot.Resolve(args) });
builder.AddChatAws();
builder.AddChatSilo();
builder.AddChatApi();

var app = builder.Build();
app.UseChatApi();
app.MapChatApi();
app.Run();
