using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Oss.ResumableUpload.Extensions.DependencyInjection.Tests;

/// <summary>Bad settings stop the host at startup, with a message per problem.</summary>
public sealed class ValidationTests
{
    public static TheoryData<string, string?, string> BadSettings => new()
    {
        { "Endpoint", null, "The OSS client has no Endpoint" },
        { "Endpoint", "oss-cn-hangzhou.aliyuncs.com", "not an absolute http or https URI: 'oss-cn-hangzhou.aliyuncs.com'" },
        { "Endpoint", "ftp://oss-cn-hangzhou.aliyuncs.com", "not an absolute http or https URI" },
        { "MaxRetryAttempts", "-1", "MaxRetryAttempts -1; it must be between 0 and 10" },
        { "MaxRetryAttempts", "many", "Oss:MaxRetryAttempts has a value that is not a valid integer" },
        { "SignatureVersion", "V3", "Oss:SignatureVersion has a value that is not a valid signature version (V4 or V1)" },
        { "RequestTimeout", "soon", "Oss:RequestTimeout has a value that is not a valid time span" },
        { "MaxConnectionsPerServer", "0", "MaxConnectionsPerServer 0; it must be between 1 and 10000" },
        { "RetryBaseDelay", "00:05:00", "RetryBaseDelay must be between" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task The_host_does_not_start_with_bad_settings(string key, string? value, string expected)
    {
        var values = new Dictionary<string, string?>
        {
            ["Oss:Endpoint"] = "https://oss-cn-hangzhou.aliyuncs.com",
            ["Oss:AccessKeyId"] = "id",
            ["Oss:AccessKeySecret"] = "secret",
        };
        values["Oss:" + key] = value;

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(values, (services, configuration) => services.AddOssClient(configuration.GetSection("Oss"))));

        Assert.Contains(ex.Failures, f => f.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(ex.Failures, f => f.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task V4_needs_a_region_when_the_endpoint_does_not_name_one()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync([], (services, _) =>
            services.AddOssClient("local", s => { s.Endpoint = new Uri("http://127.0.0.1:9000"); s.AccessKeyId = "a"; s.AccessKeySecret = "b"; })));

        string failure = Assert.Single(ex.Failures);
        Assert.StartsWith("The OSS client 'local': Signature V4 needs a region", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_without_an_id_and_an_id_without_a_secret_are_reported()
    {
        // Two clients fail, so the host reports both: an AggregateException of one OptionsValidationException each.
        var ex = await Assert.ThrowsAsync<AggregateException>(() => StartAsync([], (services, _) =>
        {
            services.AddOssClient("a", s => { s.Endpoint = new Uri("https://oss-cn-hangzhou.aliyuncs.com"); s.AccessKeySecret = "orphan"; });
            services.AddOssClient("b", s => { s.Endpoint = new Uri("https://oss-cn-hangzhou.aliyuncs.com"); s.AccessKeyId = "lonely"; });
        }));

        string all = string.Join("\n", ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures));
        Assert.Contains("'a' has an AccessKeySecret or SecurityToken but no AccessKeyId", all, StringComparison.Ordinal);
        Assert.Contains("'b' has an AccessKeyId but no AccessKeySecret", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Good_settings_start_the_host()
    {
        var values = new Dictionary<string, string?> { ["Oss:Endpoint"] = "https://oss-cn-hangzhou.aliyuncs.com" };

        await StartAsync(values, (services, configuration) => services.AddOssClient(configuration.GetSection("Oss")));
    }

    private static async Task StartAsync(Dictionary<string, string?> values, Action<IServiceCollection, IConfiguration> register)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(values);
        register(builder.Services, builder.Configuration);
        using IHost host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();
    }
}
