using System.Net.Http.Json;
using System.Text.Json;
using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Rooms;
using Chat.Grains.Rooms;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Chat.Tests.Api;

public sealed class LegacyRoomDirectoryImportTests
{
    [Fact]
    public async Task Restart_OverADirectoryKeptByAnEarlierVersion_ListsItsRooms_KeepsNewerSummaries_AndDropsTheOldRecord()
    {
        using var data = new TempDirectory();
        var tag = "lg" + Guid.NewGuid().ToString("N")[..8];
        string current;
        {
            await using var first = new ChatAppFactory(data.Path);
            using var owner = await first.NewClient().RegisterAsync();
            current = (await owner.CreateRoomAsync(name: $"{tag} current")).Id;
            var state = new LegacyRoomDirectoryState();
            state.Rooms["old-" + tag] = new RoomSummary("old-" + tag, $"{tag} from before", "kept topic", false, owner.UserName);
            state.Rooms[current] = new RoomSummary(current, $"{tag} stale name", null, false, owner.UserName);
            await Storage(first).WriteStateAsync(LegacyRoomDirectoryState.StateName, DirectoryGrainId(first), new GrainState<LegacyRoomDirectoryState>(state));
        }

        await using var second = new ChatAppFactory(data.Path);
        using var reader = await second.NewClient().RegisterAsync();
        var list = await reader.Http.GetFromJsonAsync<JsonElement>($"/api/rooms?q={tag}", ChatTestClient.Json);
        var after = new GrainState<LegacyRoomDirectoryState>(new LegacyRoomDirectoryState());
        await Storage(second).ReadStateAsync(LegacyRoomDirectoryState.StateName, DirectoryGrainId(second), after);

        Assert.Equal(
            [(current, $"{tag} current"), ("old-" + tag, $"{tag} from before")],
            list.GetProperty("rooms").EnumerateArray().Select(room => (room.GetProperty("id").GetString(), room.GetProperty("name").GetString())));
        Assert.False(after.RecordExists);
    }

    private static IGrainStorage Storage(ChatAppFactory app) => app.Services.GetRequiredKeyedService<IGrainStorage>(ChatNames.GrainStorage);

    private static GrainId DirectoryGrainId(ChatAppFactory app) =>
        app.Services.GetRequiredService<IGrainFactory>().GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).GetGrainId();
}
