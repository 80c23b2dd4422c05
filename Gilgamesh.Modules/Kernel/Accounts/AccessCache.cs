using System.Collections.Concurrent;

namespace Gilgamesh.Modules.Kernel.Accounts;

/// <summary>
/// Recently checked API keys and users, kept for a few seconds so a busy client costs no database round
/// trips per request (the bench's GET /jobs/{id} spent most of its time here). Changes made through this
/// instance (revoke, disable, role change, password reset) forget the entries at once; changes made
/// elsewhere (another instance, the CLI) take effect within <see cref="Ttl"/>.
/// </summary>
public sealed class AccessCache(TimeProvider time)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (ApiKeyRecord Key, UserRecord Owner, long At)> _keys = new();
    private readonly ConcurrentDictionary<Guid, (UserRecord User, long At)> _users = new();
    private readonly ConcurrentDictionary<Guid, long> _touched = new();

    public bool TryGetKey(string prefix, out ApiKeyRecord key, out UserRecord owner)
    {
        if (_keys.TryGetValue(prefix, out var entry) && time.GetElapsedTime(entry.At) < Ttl)
        {
            (key, owner) = (entry.Key, entry.Owner);
            return true;
        }
        (key, owner) = (null!, null!);
        return false;
    }

    public void PutKey(ApiKeyRecord key, UserRecord owner) => _keys[key.Prefix] = (key, owner, time.GetTimestamp());

    public bool TryGetUser(Guid id, out UserRecord user)
    {
        if (_users.TryGetValue(id, out var entry) && time.GetElapsedTime(entry.At) < Ttl)
        {
            user = entry.User;
            return true;
        }
        user = null!;
        return false;
    }

    public void PutUser(UserRecord user) => _users[user.Id] = (user, time.GetTimestamp());

    public void ForgetKey(string prefix) => _keys.TryRemove(prefix, out _);

    public void ForgetUser(Guid id)
    {
        _users.TryRemove(id, out _);
        foreach (var entry in _keys.Where(e => e.Value.Owner.Id == id)) _keys.TryRemove(entry.Key, out _);
    }

    /// <summary>Whether a key's last-use time is due for a write (at most one a minute per key and instance).</summary>
    public bool ShouldTouch(Guid keyId)
    {
        var now = time.GetTimestamp();
        var last = _touched.GetOrAdd(keyId, 0);
        if (last != 0 && time.GetElapsedTime(last, now) < TouchInterval) return false;
        _touched[keyId] = now;
        return true;
    }
}
