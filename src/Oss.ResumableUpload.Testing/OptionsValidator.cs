namespace Oss.ResumableUpload.Testing;

/// <summary>Checks <see cref="OssTestServerOptions"/> once, at start, and takes a private copy of them.</summary>
internal static class OptionsValidator
{
    /// <summary>Validates the options and returns a copy, so that changing the options object later does not change the running server.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static OssTestServerOptions ValidateAndCopy(OssTestServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options.ListenAddress, nameof(options));
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, "OssTestServerOptions.Port must be 0..65535.");
        }

        if (string.IsNullOrWhiteSpace(options.Region))
        {
            throw new ArgumentException("OssTestServerOptions.Region must not be empty.", nameof(options));
        }

        if (!Enum.IsDefined(options.StorageMode))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.StorageMode, "Unknown OssTestServerOptions.StorageMode.");
        }

        if (options.StorageMode is OssTestStorageMode.Directory or OssTestStorageMode.Persistent && string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            throw new ArgumentException($"OssTestServerOptions.DataDirectory is required in {options.StorageMode} storage mode.", nameof(options));
        }

        if (options.MaxListPageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxListPageSize, "OssTestServerOptions.MaxListPageSize must be 1..1000.");
        }

        if (options.MinPartSize < 1 || options.MinPartSize > OssTestServerOptions.OssMaxUploadSize)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MinPartSize, "OssTestServerOptions.MinPartSize must be 1 byte..5 GiB.");
        }

        if (options.MaxPartSize < 1 || options.MaxPartSize > OssTestServerOptions.OssMaxUploadSize)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxPartSize, "OssTestServerOptions.MaxPartSize must be 1 byte..5 GiB.");
        }

        if (options.MaxPutObjectSize < 1 || options.MaxPutObjectSize > OssTestServerOptions.OssMaxUploadSize)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxPutObjectSize, "OssTestServerOptions.MaxPutObjectSize must be 1 byte..5 GiB.");
        }

        if (options.MaxXmlBodySize is < 1 or > 64 * 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxXmlBodySize, "OssTestServerOptions.MaxXmlBodySize must be 1 byte..64 MiB.");
        }

        if (options.MaxClockSkew <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxClockSkew, "OssTestServerOptions.MaxClockSkew must be positive.");
        }

        if (options.CallbackTimeout < TimeSpan.FromMilliseconds(100) || options.CallbackTimeout > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.CallbackTimeout, "OssTestServerOptions.CallbackTimeout must be 100 ms..5 minutes.");
        }

        if (options.MaxRequestLogEntries is < 1 or > 10_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxRequestLogEntries, "OssTestServerOptions.MaxRequestLogEntries must be 1..10,000,000.");
        }

        if (!(options.MinRequestBodyDataRate >= 0) || double.IsInfinity(options.MinRequestBodyDataRate))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MinRequestBodyDataRate, "OssTestServerOptions.MinRequestBodyDataRate must be 0 (off) or a positive number of bytes per second.");
        }

        if (options.MinRequestBodyDataRate > 0 && options.MinRequestBodyDataRateGracePeriod <= TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MinRequestBodyDataRateGracePeriod, "OssTestServerOptions.MinRequestBodyDataRateGracePeriod must be more than 1 second.");
        }

        foreach (string bucket in options.Buckets)
        {
            if (bucket is null || !RequestChecks.IsValidBucketName(bucket))
            {
                throw new ArgumentException($"'{bucket}' is not a valid bucket name (3-63 characters: lower-case letters, digits, hyphens).", nameof(options));
            }
        }

        foreach (OssTestCredential credential in options.Credentials)
        {
            if (credential is null || string.IsNullOrEmpty(credential.AccessKeyId) || string.IsNullOrEmpty(credential.AccessKeySecret))
            {
                throw new ArgumentException("Every credential needs an access key id and a secret.", nameof(options));
            }
        }

        // A private copy, so that changing the options object later does not change the running server.
        var copy = new OssTestServerOptions
        {
            ListenAddress = options.ListenAddress,
            Port = options.Port,
            Region = options.Region.Trim(),
            StorageMode = options.StorageMode,
            DataDirectory = options.DataDirectory,
            VerifySignatures = options.VerifySignatures,
            MaxClockSkew = options.MaxClockSkew,
            TimeProvider = options.TimeProvider,
            MinPartSize = options.MinPartSize,
            MaxPartSize = options.MaxPartSize,
            MaxPutObjectSize = options.MaxPutObjectSize,
            MaxXmlBodySize = options.MaxXmlBodySize,
            MaxRequestLogEntries = options.MaxRequestLogEntries,
            MinRequestBodyDataRate = options.MinRequestBodyDataRate,
            MinRequestBodyDataRateGracePeriod = options.MinRequestBodyDataRateGracePeriod,
            MaxListPageSize = options.MaxListPageSize,
            CallbackTimeout = options.CallbackTimeout,
            LoggerFactory = options.LoggerFactory,
        };
        foreach (string bucket in options.Buckets)
        {
            copy.Buckets.Add(bucket);
        }

        foreach (OssTestCredential credential in options.Credentials)
        {
            copy.Credentials.Add(credential);
        }

        return copy;
    }
}
