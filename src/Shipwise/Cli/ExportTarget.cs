using System.Runtime.InteropServices;

namespace Shipwise.Cli;

/// <summary>
/// Where `export --out PATH` writes, decided before anything is written. A regular file (new or
/// existing) is written to a temporary file beside it and renamed over it, so a failed export never
/// leaves half a file. A symlink is followed: the file it points to is the one replaced, and the
/// link stays. Anything else that exists (a FIFO, a device such as /dev/null) is written through,
/// as a shell's redirection would, never replaced. A directory or a missing folder is refused.
/// </summary>
internal sealed record ExportTarget(string Path, bool WriteThrough)
{
    public static ExportTarget Resolve(string path, out string? problem)
    {
        problem = null;
        var full = System.IO.Path.GetFullPath(path);
        if (new FileInfo(full).LinkTarget is not null)
        {
            full = File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        }

        if (Directory.Exists(full))
        {
            problem = $"{path} is a directory; name a file to export to, e.g. {System.IO.Path.Combine(path, "catalog.json")}.";
            return new ExportTarget(full, false);
        }

        var folder = System.IO.Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
        {
            problem = $"The folder {folder} does not exist; create it or export somewhere else.";
            return new ExportTarget(full, false);
        }

        return new ExportTarget(full, File.Exists(full) && !IsRegularFile(full));
    }

    /// <summary>Opens the target (through) or a new temporary file beside it.</summary>
    public FileStream Open(out string? temporary)
    {
        if (WriteThrough)
        {
            temporary = null;
            return new FileStream(Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        }

        temporary = $"{Path}.{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}.partial";
        return new FileStream(temporary, FileMode.CreateNew, FileAccess.Write);
    }

    // .NET has no API for a file's type; statx(2) reports it the same way on every Linux architecture.
    // Elsewhere (or without statx) an existing file counts as regular, which is what it almost always is.
    private static bool IsRegularFile(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        const int currentDirectory = -100, noFollow = 0x100;
        const uint typeMask = 0x1, typeBits = 0xF000, regular = 0x8000;
        var buffer = new byte[256];
        try
        {
            if (Statx(currentDirectory, [.. System.Text.Encoding.UTF8.GetBytes(path), 0], noFollow, typeMask, buffer) != 0)
            {
                return true;
            }
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return true;
        }

        // struct statx: stx_mode is the 16-bit field at offset 28.
        return (BitConverter.ToUInt16(buffer, 28) & typeBits) == regular;
    }

    [DllImport("libc", EntryPoint = "statx")]
    private static extern int Statx(int directory, byte[] path, int flags, uint mask, byte[] buffer);
}
