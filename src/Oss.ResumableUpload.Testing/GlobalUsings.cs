global using Oss.ResumableUpload.Signing;
