namespace Oss.ResumableUpload.Cli;

internal static class Usage
{
    public static int Print()
    {
        Console.WriteLine("""
            oss-upload: resumable uploads to Alibaba Cloud OSS, and a local OSS-compatible server.

            Usage:
              oss-upload upload [FILE] [options]   Upload FILE (default: a generated demo file).
              oss-upload abort-incomplete [options]
                                                   Abort unfinished multipart uploads older than --older-than.
              oss-upload serve [options]           Run the local OSS server until Ctrl+C.

            upload options:
              --bucket NAME            Bucket (default: demo-bucket)
              --key KEY                Object key (default: the file name)
              --part-size SIZE         Part size, e.g. 8MiB (default: 1MiB, raised to fit 10,000 parts)
              --concurrency N          Parts in flight, 1..64 (default: 4)
              --checkpoint-dir DIR     Checkpoint directory (default: the user's local app data)
              --no-checkpoint          Keep no checkpoint: a failed upload starts over
              --abort-on-cancel        On Ctrl+C abort the upload and delete the checkpoint
                                       (default: keep both, so the same command resumes)
              --endpoint URL           OSS endpoint (or OSS_ENDPOINT). Without one, an embedded local
                                       server is started for this run.
              --region ID              Region for signature V4 (or OSS_REGION)
              --access-key-id ID       (or OSS_ACCESS_KEY_ID)
              --access-key-secret S    (or OSS_ACCESS_KEY_SECRET)
              --security-token T       STS token (or OSS_SESSION_TOKEN)
              --v1                     Sign with signature V1 instead of V4
              --demo-size SIZE         Size of the generated demo file (default: 64MiB)

            abort-incomplete options:
              --bucket NAME            Bucket (required)
              --prefix P               Only uploads whose key starts with P
              --older-than AGE         Only uploads initiated longer ago than AGE: 7d, 12h, 30m or 90s (required)
              --dry-run                List what would be aborted; abort nothing
              --endpoint URL           OSS endpoint (or OSS_ENDPOINT; required)
              --region, --access-key-id, --access-key-secret, --security-token, --v1: as for upload

            serve options:
              --port N                 TCP port (default: 9000; 0 picks a free one)
              --data DIR               Stream parts and objects to files under DIR, removed on exit (default: in memory)
              --credential AK:SK       An access key to accept (repeatable; default test-access-key-id:test-access-key-secret)
              --sts AK:SK:TOKEN        An STS credential to accept (repeatable)
              --bucket NAME            A bucket to create (repeatable; default: demo-bucket)
              --region ID              Region for signature V4 (default: cn-hangzhou)
              --no-verify              Accept unsigned requests
            """);
        return 0;
    }
}
