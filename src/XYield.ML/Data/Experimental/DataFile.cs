using System.Globalization;

namespace XYield.ML.Data.Experimental;

/// <summary>
/// Opens a data file the user named, refusing what is not a regular CSV file of sensible size before reading a byte: a
/// device (<c>/dev/zero</c>), a pipe (which would block) or a huge file (which would exhaust memory).
/// </summary>
internal static class DataFile
{
    /// <summary>The largest data file read: the MPEA file is about 0.4 MB, and a user's measurements are far smaller.</summary>
    public const long MaxBytes = 64L << 20;

    /// <summary>Opens <paramref name="path"/> for reading.</summary>
    /// <exception cref="InvalidDataException">The file is empty, not a regular file, or larger than <see cref="MaxBytes"/>.</exception>
    public static FileStream OpenRead(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"The data file '{info.FullName}' does not exist.", info.FullName);
        }

        // Devices, pipes and sockets report no length (and /proc files none either): none is a CSV file to read whole.
        if (info.Length == 0)
        {
            throw new InvalidDataException($"'{info.FullName}' is empty or not a regular file (a device or a pipe?); expected a CSV file with a header line.");
        }

        if (info.Length > MaxBytes)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"'{info.FullName}' is {info.Length:N0} bytes; XYield.ML reads data files of up to {MaxBytes >> 20} MiB (the MPEA data set is about 0.4 MB). Is it the right file?"));
        }

        return new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.Read);
    }
}
