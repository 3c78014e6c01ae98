namespace Lena.CdsHooks;

internal static class CdsSkeleton;
