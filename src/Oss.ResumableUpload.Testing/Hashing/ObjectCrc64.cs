using System.IO.Hashing;

namespace Oss.ResumableUpload.Testing;

/// <summary>
/// The server's CRC-64 for <c>x-oss-hash-crc64ecma</c>: CRC-64/XZ (polynomial 0x42F0E1EBA9EA3693, reflected, initial
/// value and final XOR all ones, check <c>0x995DC9BBDF1939FA</c>), written from the protocol description and not
/// shared with the client, so that the server checks the client instead of agreeing with it.
/// </summary>
internal static class ObjectCrc64
{
    /// <summary>The System.IO.Hashing parameter set; the polynomial is given in normal (not reflected) form.</summary>
    public static readonly Crc64ParameterSet Parameters =
        Crc64ParameterSet.Create(polynomial: 0x42F0E1EBA9EA3693, initialValue: ulong.MaxValue, finalXorValue: ulong.MaxValue, reflectValues: true);

    /// <summary>The polynomial in the reflected bit order the register uses: bit 63 is x^0, bit 0 is x^63.</summary>
    private const ulong ReflectedPolynomial = 0xC96C5795D7870F42;

    /// <summary>x^0, the multiplicative identity, in reflected order.</summary>
    private const ulong One = 1UL << 63;

    /// <summary>Entry k is x^(2^k) mod P; 67 entries cover a shift of 8 × <see cref="long.MaxValue"/> bits.</summary>
    private static readonly ulong[] s_powersOfTwo = BuildPowersOfTwo();

    public static ulong Compute(ReadOnlySpan<byte> data) => Crc64.HashToUInt64(Parameters, data);

    public static Crc64 CreateHasher() => new(Parameters);

    /// <summary>Returns crc(A || B) from crc(A), crc(B) and the length of B, without the bytes.</summary>
    /// <remarks>
    /// The conditioning (all-ones initial value and final XOR) cancels out, leaving crc(A || B) = crc(A) · x^(8·len(B))
    /// mod P ⊕ crc(B). The power is built by square-and-multiply over a table of x^(2^k), so one combination costs
    /// about log2(8·len(B)) carry-less products of 64 steps each (the approach of zlib 1.2.12's crc32_combine).
    /// </remarks>
    public static ulong Combine(ulong crc1, ulong crc2, long len2)
        => len2 <= 0 ? crc1 : Multiply(XToThe8N(len2), crc1) ^ crc2;

    /// <summary>x^(8·n) mod P: n bytes' worth of zero bits.</summary>
    private static ulong XToThe8N(long n)
    {
        ulong power = One;
        for (int k = 3; n != 0; k++, n >>= 1)
        {
            if ((n & 1) != 0)
            {
                power = Multiply(s_powersOfTwo[k], power);
            }
        }

        return power;
    }

    /// <summary>a(x) · b(x) mod P, both in reflected order.</summary>
    private static ulong Multiply(ulong a, ulong b)
    {
        ulong product = 0;
        for (ulong bit = One; bit != 0; bit >>= 1)
        {
            if ((a & bit) != 0)
            {
                product ^= b;
            }

            // b := b · x mod P. In reflected order multiplying by x is a right shift, and the x^64 that falls off
            // the end is replaced by the rest of the polynomial.
            b = (b & 1) != 0 ? (b >> 1) ^ ReflectedPolynomial : b >> 1;
        }

        return product;
    }

    private static ulong[] BuildPowersOfTwo()
    {
        ulong[] table = new ulong[67];
        table[0] = One >> 1; // x^1
        for (int k = 1; k < table.Length; k++)
        {
            table[k] = Multiply(table[k - 1], table[k - 1]);
        }

        return table;
    }
}
