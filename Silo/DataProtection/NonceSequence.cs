using System.Buffers.Binary;
using System.Security.Cryptography;

namespace WealthActors.Silo.DataProtection;

/// <summary>
/// GCM nonces that never repeat in this process and almost surely not across processes: a random 96-bit value drawn
/// at start, with a 64-bit count of the nonces handed out XORed into its low 64 bits.
/// </summary>
/// <remarks>
/// A repeated nonce under one key breaks GCM (it reveals the XOR of two plaintexts and lets tags be forged). Fully
/// random nonces bound a key to about 2^32 seals; a busy silo writes grain state thousands of times a second, which
/// reaches that within a year. With a counter no nonce repeats within a process, and two processes (silos, restarts)
/// collide only if the top 32 bits of their random starts are equal (1 in 2^32) and their counted ranges overlap.
/// </remarks>
internal sealed class NonceSequence
{
    private readonly byte[] _start = RandomNumberGenerator.GetBytes(AeadCipher.NonceSize);
    private long _count;

    public void Next(Span<byte> nonce)
    {
        var count = (ulong)Interlocked.Increment(ref _count);
        _start.CopyTo(nonce);
        var low = nonce[4..AeadCipher.NonceSize];
        BinaryPrimitives.WriteUInt64BigEndian(low, BinaryPrimitives.ReadUInt64BigEndian(low) ^ count);
    }
}
