using System.Buffers;

namespace Oss.ResumableUpload.Signing;

/// <summary>
/// Builds text in a caller's stack buffer, moving to a pooled array only when it outgrows it: the canonical request,
/// the string to sign and the Authorization value are built per request without a <see cref="System.Text.StringBuilder"/>.
/// </summary>
/// <remarks>Pass it by reference and call <see cref="Dispose"/> once, to return a pooled array.</remarks>
internal ref struct CharBuilder
{
    private char[]? _rented;
    private Span<char> _chars;
    private int _length;

    public CharBuilder(Span<char> initial)
    {
        _rented = null;
        _chars = initial;
        _length = 0;
    }

    public readonly int Length => _length;

    public readonly ReadOnlySpan<char> AsSpan() => _chars[.._length];

    public void Append(char value)
    {
        if (_length == _chars.Length)
        {
            Grow(1);
        }

        _chars[_length++] = value;
    }

    public void Append(scoped ReadOnlySpan<char> value)
    {
        if (_length + value.Length > _chars.Length)
        {
            Grow(value.Length);
        }

        value.CopyTo(_chars[_length..]);
        _length += value.Length;
    }

    public override readonly string ToString() => new(AsSpan());

    public void Dispose()
    {
        char[]? rented = _rented;
        _rented = null;
        _chars = default;
        _length = 0;
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private void Grow(int needed)
    {
        char[] next = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _length + needed));
        _chars[.._length].CopyTo(next);
        char[]? old = _rented;
        _rented = next;
        _chars = next;
        if (old is not null)
        {
            ArrayPool<char>.Shared.Return(old);
        }
    }
}
