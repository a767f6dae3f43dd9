namespace Oss.ResumableUpload.DependencyInjection;

/// <summary>The names registered with AddOssClient, so the factory can tell an unknown name from a misconfigured one.</summary>
internal sealed class OssClientRegistry
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Add(string name)
    {
        lock (_gate)
        {
            _names.Add(name);
        }
    }

    public bool Contains(string name)
    {
        lock (_gate)
        {
            return _names.Contains(name);
        }
    }

    /// <summary>The <see cref="HttpClient"/> name behind an OSS client name.</summary>
    public static string HttpClientName(string name) => name.Length == 0 ? "Oss.ResumableUpload" : "Oss.ResumableUpload:" + name;
}
