namespace Gilgamesh.Modules.Kernel.Accounts;

/// <summary>Configuration section <c>Accounts</c>.</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>Failed sign-ins per user name before a lockout starts.</summary>
    public int FreeAttempts { get; set; } = 5;

    /// <summary>First lockout, in seconds; it doubles with every further failure.</summary>
    public int LockoutBaseSeconds { get; set; } = 5;

    /// <summary>Longest lockout, in seconds.</summary>
    public int LockoutMaxSeconds { get; set; } = 900;

    /// <summary>How long a dashboard sign-in lasts without activity, in minutes.</summary>
    public int SessionMinutes { get; set; } = 720;

    /// <summary>Redirect HTTP to HTTPS (set when a TLS endpoint or proxy is in front).</summary>
    public bool HttpsRedirection { get; set; }

    /// <summary>
    /// Reverse proxies (addresses or CIDR networks) whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are
    /// believed: behind one, the client's address (per-address sign-in limits, audit) and HTTPS (Secure cookies)
    /// come from these headers. Empty: the headers are ignored, as anyone could send them.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>API requests per minute per user or key.</summary>
    public int ApiRequestsPerMinute { get; set; } = 1200;

    /// <summary>Sign-in attempts per minute per client address.</summary>
    public int SignInsPerMinute { get; set; } = 20;
}

/// <summary>Configuration section <c>Gilgamesh:Admin</c>: the first administrator.</summary>
public sealed class InitialAdminOptions
{
    public const string Section = "Gilgamesh:Admin";

    public string UserName { get; set; } = "admin";

    /// <summary>Password of the admin created on first start; empty = generate one and print it once.</summary>
    public string? Password { get; set; }
}
