using Oss.ResumableUpload.Credentials;

namespace Oss.ResumableUpload;

/// <summary>
/// Reads a profile of the shared credentials file that Alibaba Cloud's SDKs and tools use,
/// <c>~/.alibabacloud/credentials</c> (an INI file), and provides the credentials it describes.
/// </summary>
/// <remarks>
/// <para>The file is read at the first call; a profile that names a role is then asked on every call, so its temporary credentials are refreshed.</para>
/// <para>Supported profile types (the <c>type</c> key):</para>
/// <list type="bullet">
/// <item><c>access_key</c>: <c>access_key_id</c>, <c>access_key_secret</c>.</item>
/// <item><c>sts</c>: <c>access_key_id</c>, <c>access_key_secret</c>, <c>security_token</c>.</item>
/// <item><c>ecs_ram_role</c>: optional <c>role_name</c>; see <see cref="EcsRamRoleCredentialsProvider"/>.</item>
/// <item><c>oidc_role_arn</c>: <c>role_arn</c>, <c>oidc_provider_arn</c>, <c>oidc_token_file_path</c>, optional <c>role_session_name</c>; see <see cref="OidcRoleCredentialsProvider"/>.</item>
/// </list>
/// <para>Other types (<c>ram_role_arn</c>, <c>credentials_uri</c>, ...) are refused with a message that names them.</para>
/// </remarks>
public sealed class CredentialsFileProvider : IOssCredentialsProvider
{
    /// <summary>The variable that overrides the file's path.</summary>
    public const string FileVariable = "ALIBABA_CLOUD_CREDENTIALS_FILE";

    /// <summary>The variable that selects the profile.</summary>
    public const string ProfileVariable = "ALIBABA_CLOUD_PROFILE";

    /// <summary>The profile read when none is named.</summary>
    public const string DefaultProfile = "default";

    private readonly CredentialsContext _context;
    private readonly SemaphoreSlim _loadLock = new(1, 1);
    private IOssCredentialsProvider? _inner;

    /// <summary>Initializes a provider.</summary>
    /// <param name="path">The file; null: the variable <c>ALIBABA_CLOUD_CREDENTIALS_FILE</c>, else <c>~/.alibabacloud/credentials</c>.</param>
    /// <param name="profile">The profile; null: the variable <c>ALIBABA_CLOUD_PROFILE</c>, else <c>default</c>.</param>
    public CredentialsFileProvider(string? path = null, string? profile = null)
        : this(path, profile, CredentialsContext.Process)
    {
    }

    internal CredentialsFileProvider(string? path, string? profile, CredentialsContext context)
    {
        _context = context;
        FilePath = !string.IsNullOrWhiteSpace(path) ? path : DefaultPath(context.Environment);
        Profile = !string.IsNullOrWhiteSpace(profile) ? profile.Trim() : NonEmpty(context.Environment(ProfileVariable))?.Trim() ?? DefaultProfile;
    }

    /// <summary>Gets the path of the file read, or null when no path is given and no home directory is known.</summary>
    public string? FilePath { get; }

    /// <summary>Gets the name of the profile read.</summary>
    public string Profile { get; }

    /// <summary>The file's path from the variable, else under the home directory; null when neither is known.</summary>
    internal static string? DefaultPath(Func<string, string?> environment)
    {
        if (NonEmpty(environment(FileVariable)) is { } configured)
        {
            return configured;
        }

        string home = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".alibabacloud", "credentials");
    }

    /// <inheritdoc />
    /// <exception cref="OssClientException">The file is missing, unreadable or malformed, the profile is missing or incomplete, its type is not supported, or the role it names gives no credentials (<see cref="OssClientErrorCode.CredentialsUnavailable"/>).</exception>
    public async ValueTask<OssCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default)
    {
        IOssCredentialsProvider inner = Volatile.Read(ref _inner) ?? await LoadAsync(cancellationToken).ConfigureAwait(false);
        return await inner.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IOssCredentialsProvider> LoadAsync(CancellationToken cancellationToken)
    {
        await _loadLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_inner is { } loaded)
            {
                return loaded;
            }

            if (FilePath is null)
            {
                throw CredentialsHttp.Failure($"No credentials file: {FileVariable} is not set and the home directory is unknown.");
            }

            Dictionary<string, Dictionary<string, string>> profiles = await CredentialsFile.LoadAsync(FilePath, cancellationToken).ConfigureAwait(false);
            IOssCredentialsProvider created = Create(profiles);
            Volatile.Write(ref _inner, created);
            return created;
        }
        finally
        {
            _loadLock.Release();
        }
    }

    private IOssCredentialsProvider Create(Dictionary<string, Dictionary<string, string>> profiles)
    {
        if (!profiles.TryGetValue(Profile, out Dictionary<string, string>? values))
        {
            throw Problem($"has no profile [{Profile}]");
        }

        string type = Get(values, "type") ?? throw Problem($"profile [{Profile}] has no 'type'");
        try
        {
            return type switch
            {
                "access_key" => new StaticCredentialsProvider(Require(values, "access_key_id"), Require(values, "access_key_secret")),
                "sts" => new StaticCredentialsProvider(Require(values, "access_key_id"), Require(values, "access_key_secret"), Require(values, "security_token")),
                "ecs_ram_role" => _context.CreateEcs(Get(values, "role_name")),
                "oidc_role_arn" => _context.CreateOidc(
                    Require(values, "role_arn"), Require(values, "oidc_provider_arn"), Require(values, "oidc_token_file_path"), Get(values, "role_session_name")),
                _ => throw Problem($"profile [{Profile}] has the type '{(type.Length <= 32 ? type : type[..32] + "...")}', which this library does not support (supported: access_key, sts, ecs_ram_role, oidc_role_arn)"),
            };
        }
        catch (ArgumentException ex)
        {
            throw Problem($"profile [{Profile}] is not usable: {ex.Message}");
        }
    }

    private string Require(Dictionary<string, string> values, string key)
        => Get(values, key) ?? throw Problem($"profile [{Profile}] has no '{key}'");

    private static string? Get(Dictionary<string, string> values, string key)
        => values.TryGetValue(key, out string? value) ? NonEmpty(value) : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private OssClientException Problem(string problem) => CredentialsHttp.Failure($"The credentials file '{FilePath}' {problem}.");
}
