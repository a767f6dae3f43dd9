using System.IO.Hashing;

namespace Oss.ResumableUpload.Hashing;

/// <summary>
/// The CRC-64 that OSS reports as <c>x-oss-hash-crc64ecma</c>. Despite the name it is CRC-64/XZ: polynomial
/// 0x42F0E1EBA9EA3693, reflected, initial value and final XOR all ones (PROTOCOL.md section 8).
/// </summary>
internal static class OssCrc64
{
    /// <summary>The vectorized parameter set of System.IO.Hashing 11 that computes the OSS value.</summary>
    public static readonly Crc64ParameterSet Parameters =
        Crc64ParameterSet.Create(0x42F0E1EBA9EA3693, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, reflectValues: true);

    private const ulong ReflectedPolynomial = 0xC96C5795D7870F42;

    public static ulong Compute(ReadOnlySpan<byte> data) => Crc64.HashToUInt64(Parameters, data);

    public static Crc64 CreateHasher() => new(Parameters);

    /// <summary>
    /// Combines <c>crc(A)</c> and <c>crc(B)</c> into <c>crc(A || B)</c> in O(log len2), as zlib's crc32_combine does for 32 bits.
    /// </summary>
    public static ulong Combine(ulong crc1, ulong crc2, long len2)
    {
        if (len2 <= 0)
        {
            return crc1;
        }

        Span<ulong> even = stackalloc ulong[64];
        Span<ulong> odd = stackalloc ulong[64];

        // The operator for one zero bit.
        odd[0] = ReflectedPolynomial;
        ulong row = 1;
        for (int n = 1; n < 64; n++)
        {
            odd[n] = row;
            row <<= 1;
        }

        Square(even, odd); // two zero bits
        Square(odd, even); // four zero bits

        do
        {
            Square(even, odd);
            if ((len2 & 1) != 0)
            {
                crc1 = Times(even, crc1);
            }

            len2 >>= 1;
            if (len2 == 0)
            {
                break;
            }

            Square(odd, even);
            if ((len2 & 1) != 0)
            {
                crc1 = Times(odd, crc1);
            }

            len2 >>= 1;
        }
        while (len2 != 0);

        return crc1 ^ crc2;
    }

    private static ulong Times(ReadOnlySpan<ulong> matrix, ulong vector)
    {
        ulong sum = 0;
        int i = 0;
        while (vector != 0)
        {
            if ((vector & 1) != 0)
            {
                sum ^= matrix[i];
            }

            vector >>= 1;
            i++;
        }

        return sum;
    }

    private static void Square(Span<ulong> square, ReadOnlySpan<ulong> matrix)
    {
        for (int n = 0; n < 64; n++)
        {
            square[n] = Times(matrix, matrix[n]);
        }
    }
}
