using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Abstractions.Events;
using Chat.Grains.Abstractions.Rooms;

namespace Chat.Grains.Rooms;

/// <summary>
/// A room's metadata and who may do what in it: the member set, the owner, privacy, and whether the room is there at
/// all (stored, created to the end, not closed). The one home of the room's access rules; the grain keeps the writes
/// and the calls to other grains. Invariants: the owner is always a member and cannot leave; ownership passes only to
/// a member; a room never holds more than <c>maxMembers</c> members. Owned by one room grain and used only from its turns.
/// </summary>
internal sealed class RoomMembership(string roomId, IPersistentState<RoomState> state, int maxMembers)
{
    private bool _closed;

    private RoomState Room => state.State;

    /// <summary>Stored and not closed (its creation may still be under way): it takes presence, notices and tags.</summary>
    public bool IsOpen => state.RecordExists && !_closed;

    public bool IsPrivate => Room.IsPrivate;

    /// <summary>From now on the room refuses everyone (it is being deleted).</summary>
    public void Close() => _closed = true;

    /// <summary>The room takes callers again (its id was created anew).</summary>
    public void Reopen() => _closed = false;

    /// <summary>Refuses to create a room over one that exists; a room left half-created may be created again.</summary>
    public void RequireFree()
    {
        if (state.RecordExists && !Room.Creating)
        {
            throw ChatException.Conflict($"A room with id '{roomId}' already exists.");
        }
    }

    /// <summary>
    /// Puts a new room in place, marked as being created, with its owner as the only member. Returns the owner of a
    /// half-created room this one replaces when that is someone else (their list of rooms must drop the id), else null.
    /// </summary>
    public string? Start(string owner, string name, string? topic, bool isPrivate, DateTimeOffset now)
    {
        var leftoverOwner = state.RecordExists && Room.Owner != owner ? Room.Owner : null;
        state.State = new RoomState
        {
            Name = name,
            Topic = topic,
            IsPrivate = isPrivate,
            Owner = owner,
            CreatedAt = now,
            Members = new SortedSet<string>(StringComparer.Ordinal) { owner },
            Creating = true,
        };
        return leftoverOwner;
    }

    /// <summary>Marks the room as being created (again, for a roll-back) or as complete.</summary>
    public void SetCreating(bool creating) => Room.Creating = creating;

    /// <summary>The room is there for <paramref name="caller"/>: open, complete, and public or theirs.</summary>
    public void RequireReader(string caller)
    {
        if (!IsOpen || Room.Creating)
        {
            throw ChatException.NotFound($"There is no room '{roomId}'.");
        }

        if (Room.IsPrivate && !Room.Members.Contains(caller))
        {
            throw ChatException.Forbidden($"Room '{roomId}' is private: only its members may see it.");
        }
    }

    public void RequireOwner(string caller)
    {
        RequireReader(caller);
        if (!IsOwner(caller))
        {
            throw ChatException.Forbidden($"Only the owner of room '{roomId}' may do that.");
        }
    }

    /// <summary>A member may leave (<paramref name="caller"/> = <paramref name="userName"/>) and the owner may remove anyone but themself.</summary>
    public void RequireMayRemove(string caller, string userName)
    {
        if (caller == userName)
        {
            RequireReader(caller);
        }
        else
        {
            RequireOwner(caller);
        }

        if (IsOwner(userName))
        {
            throw ChatException.Invalid("The owner cannot leave or be removed: give the room another owner (PATCH owner) or delete it.");
        }
    }

    public bool IsOwner(string userName) => Room.Owner == userName;

    public bool IsMember(string userName) => Room.Members.Contains(userName);

    /// <summary>Applies a patch (the caller's right to is checked before): everything is checked first, so a refusal changes nothing.</summary>
    public void Apply(RoomPatch patch)
    {
        var name = patch.Name is null ? Room.Name : RoomRules.Name(patch.Name);
        var topic = patch.Topic is null ? Room.Topic : RoomRules.Topic(patch.Topic);
        if (patch.Owner is { } newOwner && !IsOwner(newOwner) && !IsMember(newOwner))
        {
            throw ChatException.Invalid($"Ownership passes only to a member of room '{roomId}': add '{newOwner}' first.");
        }

        Room.Name = name;
        Room.Topic = topic;
        Room.IsPrivate = patch.IsPrivate ?? Room.IsPrivate;
        Room.Owner = patch.Owner ?? Room.Owner;
    }

    /// <summary>Refuses a new member when the room is full.</summary>
    public void RequireSpace()
    {
        if (Room.Members.Count >= maxMembers)
        {
            throw ChatException.Invalid($"A room has at most {maxMembers} members.");
        }
    }

    /// <summary>Adds a member (within <c>maxMembers</c>); false when they already were one.</summary>
    public bool Add(string userName)
    {
        if (IsMember(userName))
        {
            return false;
        }

        RequireSpace();
        return Room.Members.Add(userName);
    }

    /// <summary>Removes a member (never the owner); false when they were not one.</summary>
    public bool Remove(string userName) => !IsOwner(userName) && Room.Members.Remove(userName);

    /// <summary>Which of the users a message names are told of it: not its author, and in a private room only members.</summary>
    public string[] Notified(IEnumerable<string> mentioned, string author) =>
        mentioned.Where(u => u != author && (!Room.IsPrivate || IsMember(u))).ToArray();

    public string[] Members() => Room.Members.ToArray();

    public RoomInfo Info(long lastSeq) =>
        new(roomId, Room.Name, Room.Topic, Room.IsPrivate, Room.Owner, Room.CreatedAt, Members(), lastSeq);

    /// <summary>The room as the directory lists it.</summary>
    public RoomSummary Summary() => new(roomId, Room.Name, Room.Topic, Room.IsPrivate, Room.Owner);

    /// <summary>What the front silos need to drop connections that lost access (everyone's, for a deleted room).</summary>
    public RoomAccessChanged AccessChanged(bool deleted) => new(roomId, deleted, Room.IsPrivate, deleted ? [] : Members());
}
