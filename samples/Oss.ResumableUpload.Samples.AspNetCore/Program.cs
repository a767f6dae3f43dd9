// An ASP.NET Core minimal API that streams each request body to OSS as it arrives: PUT /objects/{key}.
// The body is never buffered to disk: it is a non-seekable stream, read once into a few part buffers
// (about (MaxConcurrency + 2) × PartSize of memory per upload) and sent as a multipart upload.
using Microsoft.Extensions.Options;
using Oss.ResumableUpload.Samples.AspNetCore;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);

// Endpoint, Region and SignatureVersion from appsettings.json; the keys from user secrets or the environment
// (Oss__AccessKeyId, Oss__AccessKeySecret), else Alibaba Cloud's default credential chain (OSS_ACCESS_KEY_ID, ...).
builder.Services.AddOssClient(builder.Configuration.GetSection("Oss"));
builder.Services.AddOptions<UploadSettings>()
    .Bind(builder.Configuration.GetSection(UploadSettings.SectionName))
    .ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<UploadSettings>, UploadSettingsValidator>();
builder.Services.AddProblemDetails();

WebApplication app = builder.Build();

app.UseExceptionHandler();
app.MapPut("/objects/{**key}", UploadEndpoint.HandleAsync);

app.Run();

/// <summary>The sample's entry point, public so that tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
