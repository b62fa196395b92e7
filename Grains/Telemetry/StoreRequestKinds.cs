namespace Chat.Grains.Telemetry;

/// <summary>The <c>kind</c> tag of <c>chat.store.requests</c>: which store interface was called, and for what.</summary>
public static class StoreRequestKinds
{
    public const string MessageAppend = "message.append";
    public const string MessageUpdate = "message.update";
    public const string MessageRead = "message.read";
    public const string MessageReadKeys = "message.read_keys";
    public const string MessageDeleteRoom = "message.delete_room";
    public const string StateRead = "state.read";
    public const string StateWrite = "state.write";
    public const string StateClear = "state.clear";
    public const string DirectoryUpsert = "directory.upsert";
    public const string DirectoryRemove = "directory.remove";
    public const string DirectoryGet = "directory.get";
    public const string DirectoryList = "directory.list";
}
