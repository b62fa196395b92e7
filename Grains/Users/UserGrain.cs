using Chat.Grains.Abstractions;
using Chat.Grains.Abstractions.Errors;
using Chat.Grains.Abstractions.Users;

namespace Chat.Grains.Users;

/// <summary>A user: credentials hash, profile and the rooms the user belongs to (bounded).</summary>
public sealed class UserGrain(
    [PersistentState("user", ChatNames.GrainStorage)] IPersistentState<UserState> state,
    TimeProvider time) : Grain, IUserGrain
{
    /// <summary>Most rooms one user's list holds.</summary>
    public const int MaxRooms = 1000;

    private string UserName => this.GetPrimaryKeyString();

    public async Task<bool> Register(string passwordHash, string? displayName)
    {
        if (state.RecordExists)
        {
            return false;
        }

        state.State = new UserState
        {
            PasswordHash = passwordHash,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? UserName : displayName.Trim(),
            CreatedAt = time.GetUtcNow(),
        };
        await state.WriteStateAsync();
        return true;
    }

    public Task<string?> GetPasswordHash() => Task.FromResult(state.RecordExists ? state.State.PasswordHash : null);

    public async Task SetPasswordHash(string passwordHash)
    {
        RequireUser();
        state.State.PasswordHash = passwordHash;
        await state.WriteStateAsync();
    }

    public Task<bool> Exists() => Task.FromResult(state.RecordExists);

    public Task<UserProfile?> GetProfile() => Task.FromResult(state.RecordExists
        ? new UserProfile(UserName, state.State.DisplayName, state.State.CreatedAt, state.State.Rooms.ToArray())
        : null);

    public async Task AddRoom(string roomId)
    {
        RequireUser();
        if (state.State.Rooms.Contains(roomId))
        {
            return;
        }

        if (state.State.Rooms.Count >= MaxRooms)
        {
            throw ChatException.Invalid($"A user belongs to at most {MaxRooms} rooms.");
        }

        state.State.Rooms.Add(roomId);
        await state.WriteStateAsync();
    }

    public async Task RemoveRoom(string roomId)
    {
        if (state.RecordExists && state.State.Rooms.Remove(roomId))
        {
            await state.WriteStateAsync();
        }
    }

    private void RequireUser()
    {
        if (!state.RecordExists)
        {
            throw ChatException.NotFound($"There is no user '{UserName}'.");
        }
    }
}
