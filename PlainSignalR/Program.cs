using Chat.PlainSignalR;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSignalR();
builder.Services.AddSingleton<RoomSequences>();

var app = builder.Build();
app.MapPlainChat();
app.Run();
