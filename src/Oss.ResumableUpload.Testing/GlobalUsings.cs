global using Oss.ResumableUpload.Hashing;
global using Oss.ResumableUpload.Signing;
