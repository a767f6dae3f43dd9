using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Oss.ResumableUpload.DependencyInjection;

namespace Oss.ResumableUpload.Extensions.DependencyInjection.Tests;

/// <summary>What AddOssClient registers, and how settings are bound and combined.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public void A_configuration_section_binds_every_setting()
    {
        IConfiguration configuration = TestHost.Configuration(
            ("Oss:Endpoint", "https://oss-cn-shanghai.aliyuncs.com"),
            ("Oss:Region", "cn-shanghai"),
            ("Oss:SignatureVersion", "v1"),
            ("Oss:UsePathStyle", "true"),
            ("Oss:MaxRetryAttempts", "7"),
            ("Oss:RetryBaseDelay", "00:00:01"),
            ("Oss:MaxRetryDelay", "00:00:30"),
            ("Oss:RequestTimeout", "Infinite"),
            ("Oss:CredentialsRefreshWindow", "00:10:00"),
            ("Oss:AccessKeyId", "id"),
            ("Oss:AccessKeySecret", "secret"),
            ("Oss:SecurityToken", "token"),
            ("Oss:MaxConnectionsPerServer", "64"),
            ("Oss:PooledConnectionLifetime", "00:02:00"),
            ("Oss:BucketName", "the application's own value, ignored"));
        using ServiceProvider provider = new ServiceCollection().AddOssClient(configuration.GetSection("Oss")).Services.BuildServiceProvider();

        OssClientSettings settings = provider.GetRequiredService<IOptionsMonitor<OssClientSettings>>().Get(Options.DefaultName);

        Assert.Equal(new Uri("https://oss-cn-shanghai.aliyuncs.com"), settings.Endpoint);
        Assert.Equal("cn-shanghai", settings.Region);
        Assert.Equal(OssSignatureVersion.V1, settings.SignatureVersion);
        Assert.True(settings.UsePathStyle);
        Assert.Equal(7, settings.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.RetryBaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.MaxRetryDelay);
        Assert.Equal(Timeout.InfiniteTimeSpan, settings.RequestTimeout);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.CredentialsRefreshWindow);
        Assert.Equal(("id", "secret", "token"), (settings.AccessKeyId, settings.AccessKeySecret, settings.SecurityToken));
        Assert.Equal(64, settings.MaxConnectionsPerServer);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.PooledConnectionLifetime);
        Assert.Empty(settings.BindingErrors);
    }

    [Fact]
    public void The_defaults_are_those_of_OssClientOptions()
    {
        var settings = new OssClientSettings();
        var options = new OssClientOptions { Endpoint = new Uri("https://oss-cn-hangzhou.aliyuncs.com"), Credentials = new StaticCredentialsProvider("a", "b") };

        Assert.Equal(options.SignatureVersion, settings.SignatureVersion);
        Assert.Equal(options.UsePathStyle, settings.UsePathStyle);
        Assert.Equal(options.MaxRetryAttempts, settings.MaxRetryAttempts);
        Assert.Equal(options.RetryBaseDelay, settings.RetryBaseDelay);
        Assert.Equal(options.MaxRetryDelay, settings.MaxRetryDelay);
        Assert.Equal(options.RequestTimeout, settings.RequestTimeout);
        Assert.Equal(options.CredentialsRefreshWindow, settings.CredentialsRefreshWindow);
    }

    [Fact]
    public void Configure_and_PostConfigure_apply_on_top_of_configuration()
    {
        IConfiguration configuration = TestHost.Configuration(("Oss:Endpoint", "https://oss-cn-hangzhou.aliyuncs.com"), ("Oss:MaxRetryAttempts", "2"));
        var services = new ServiceCollection();
        services.PostConfigure<OssClientSettings>(s => s.MaxRetryAttempts += 5);
        services.AddOssClient(configuration.GetSection("Oss"));
        services.Configure<OssClientSettings>(s => s.Region = "cn-beijing");
        services.AddOssClient("archive", s => s.Endpoint = new Uri("https://oss-eu-central-1.aliyuncs.com"));
        services.Configure<OssClientSettings>("archive", s => s.MaxRetryAttempts = 1);
        using ServiceProvider provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<OssClientSettings>>();

        Assert.Equal(7, monitor.Get(Options.DefaultName).MaxRetryAttempts);
        Assert.Equal("cn-beijing", monitor.Get(Options.DefaultName).Region);
        Assert.Equal(1, monitor.Get("archive").MaxRetryAttempts);
        Assert.Null(monitor.Get("archive").Region);
    }

    [Fact]
    public void The_unnamed_client_is_resolvable_and_named_ones_come_from_the_factory()
    {
        var services = new ServiceCollection();
        services.AddOssClient(s => { s.Endpoint = new Uri("https://oss-cn-hangzhou.aliyuncs.com"); s.AccessKeyId = "a"; s.AccessKeySecret = "b"; });
        services.AddOssClient("backup", s => { s.Endpoint = new Uri("https://oss-cn-shenzhen.aliyuncs.com"); s.AccessKeyId = "c"; s.AccessKeySecret = "d"; });
        using ServiceProvider provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IOssClientFactory>();

        Assert.Same(provider.GetRequiredService<OssClient>(), provider.GetRequiredService<OssClient>());
        using OssClient backup = factory.CreateClient("backup");
        Assert.NotSame(backup, factory.CreateClient("backup"));
        var unknown = Assert.Throws<InvalidOperationException>(() => factory.CreateClient("nope"));
        Assert.Contains("No OSS client named 'nope' is registered", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_named_clients_leave_OssClient_unregistered()
    {
        var services = new ServiceCollection();
        services.AddOssClient("only", s => s.Endpoint = new Uri("https://oss-cn-hangzhou.aliyuncs.com"));
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Null(provider.GetService<OssClient>());
        Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOssClientFactory>().CreateClient(""));
    }

    [Fact]
    public void Credentials_come_from_settings_then_a_keyed_provider_then_an_unkeyed_one_then_the_default_chain()
    {
        var keyed = new StaticCredentialsProvider("keyed", "k");
        var unkeyed = new StaticCredentialsProvider("unkeyed", "u");
        var services = new ServiceCollection();
        services.AddOssClient("with-keys", s => { s.Endpoint = new Uri("https://oss-cn-hangzhou.aliyuncs.com"); s.AccessKeyId = "settings-id"; s.AccessKeySecret = "s"; });
        services.AddOssClient("keyed", s => s.Endpoint = new Uri("https://oss-cn-hangzhou.aliyuncs.com"));
        services.AddOssClient("plain", s => s.Endpoint = new Uri("https://oss-cn-hangzhou.aliyuncs.com"));
        services.AddKeyedSingleton<IOssCredentialsProvider>("keyed", keyed);
        using ServiceProvider withUnkeyed = new ServiceCollection().Add(services).AddSingleton<IOssCredentialsProvider>(unkeyed).BuildServiceProvider();
        using ServiceProvider withoutUnkeyed = services.BuildServiceProvider();

        var factory = (OssClientFactory)withUnkeyed.GetRequiredService<IOssClientFactory>();
        var monitor = withUnkeyed.GetRequiredService<IOptionsMonitor<OssClientSettings>>();
        Assert.IsType<StaticCredentialsProvider>(factory.CredentialsFor("with-keys", monitor.Get("with-keys")));
        Assert.Same(keyed, factory.CredentialsFor("keyed", monitor.Get("keyed")));
        Assert.Same(unkeyed, factory.CredentialsFor("plain", monitor.Get("plain")));

        var bare = (OssClientFactory)withoutUnkeyed.GetRequiredService<IOssClientFactory>();
        IOssCredentialsProvider chain = bare.CredentialsFor("plain", monitor.Get("plain"));
        Assert.IsType<DefaultCredentialsProvider>(chain);
        Assert.Same(chain, bare.CredentialsFor("plain", monitor.Get("plain")));
    }

    [Fact]
    public void ToString_hides_the_secret_and_the_token()
    {
        var settings = new OssClientSettings { AccessKeyId = "visible-id", AccessKeySecret = "hidden-secret", SecurityToken = "hidden-token" };

        string text = settings.ToString();

        Assert.Contains("visible-id", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden", text, StringComparison.Ordinal);
    }
}

internal static class ServiceCollectionCopy
{
    public static IServiceCollection Add(this IServiceCollection target, IServiceCollection source)
    {
        foreach (ServiceDescriptor descriptor in source)
        {
            target.Add(descriptor);
        }

        return target;
    }
}
