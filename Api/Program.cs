using Chat.Api;
using Chat.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddChatSilo();
builder.AddChatApi();

var app = builder.Build();
app.UseChatApi();
app.MapChatApi();
app.Run();
