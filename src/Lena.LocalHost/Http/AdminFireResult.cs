namespace Lena.LocalHost.Http;

/// <summary>The outcome of <c>POST /admin/functions/{name}</c>.</summary>
internal enum AdminFireResult
{
    Accepted,
    NotFound,
    NotSupported,
    Failed,
}
