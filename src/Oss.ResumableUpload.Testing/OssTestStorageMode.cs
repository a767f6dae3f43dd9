namespace Oss.ResumableUpload.Testing;

/// <summary>Where an <see cref="OssTestServer"/> keeps the bytes of parts and objects.</summary>
public enum OssTestStorageMode
{
    /// <summary>In memory. Objects can be read back. Suits small and medium test data.</summary>
    InMemory = 0,

    /// <summary>
    /// Bodies are streamed to files under <see cref="OssTestServerOptions.DataDirectory"/>, never held in memory whole.
    /// Objects can be read back. The server's files are deleted when it is disposed.
    /// </summary>
    Directory,

    /// <summary>
    /// Bodies are hashed and thrown away: only sizes, MD5 and CRC-64 are kept. For throughput benchmarks;
    /// GetObject answers <c>501 NotImplemented</c> and <see cref="OssTestServer.ReadObjectAsync"/> throws.
    /// </summary>
    Discard,

    /// <summary>
    /// Like <see cref="Directory"/>, but <see cref="OssTestServerOptions.DataDirectory"/> belongs to the server and
    /// outlives it: unfinished multipart uploads (their settings and parts) are kept there, and a server started again
    /// on the same directory lists, continues and completes them. Completed objects are not kept across restarts.
    /// One server at a time may use the directory; a second one fails to start with an <see cref="IOException"/>.
    /// The directory is emptied when the server stops with no upload pending.
    /// </summary>
    Persistent,
}
