import Foundation

/// Tests on eight bytes at once, read as one 64-bit word ("SWAR": SIMD within a register), for scans
/// over text where most bytes are ordinary and only a few matter.
///
/// Each test is a mask with the high bit of every byte that matches (``letters(_:)``, ``equal(_:_:)`` and
/// the rest), so that a scan can ask whether any does (non-zero) or go straight to the first (its trailing
/// zero bits over eight). They work on the low seven bits of each byte, where no addition carries into
/// the next byte, and settle the high bit apart, so they are exact; they follow the zero-byte and
/// "hasless" tests of Alan Mycroft (1987) and Sean Anderson's Bit Twiddling Hacks.
public enum ByteWord {
    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
    @usableFromInline static let high: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `offset`, in memory order (the first byte in the low bits on little-endian).
    @inlinable
    public static func load(_ base: UnsafePointer<UInt8>, at offset: Int) -> UInt64 {
        UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
    }

    /// The low `count` bytes of a word set, the rest clear, for `count` from 0 to 8: the bytes that hold a
    /// string of `count` bytes read first byte lowest.
    @inlinable
    public static func lowBytes(_ count: Int) -> UInt64 {
        count >= 8 ? ~0 : (1 &<< UInt64(truncatingIfNeeded: count &* 8)) &- 1
    }

    /// The high bit of each ASCII byte of `word` within `first`...`last` (both below 0x80), read from
    /// `low`, which is `word` with each byte's high bit cleared (or a form of it, such as the case-folded
    /// bytes): b + 0x80 − first reaches 0x80 for b ≥ first and b + 0x80 − (last + 1) does not for
    /// b ≤ last, and no such sum of seven-bit bytes carries into the next byte. Bytes of 0x80 and above
    /// in `word` are left out.
    @inlinable
    static func asciiRange(_ word: UInt64, _ low: UInt64, _ first: UInt8, _ last: UInt8) -> UInt64 {
        (low &+ ones &* UInt64(0x80 &- first)) & ~(low &+ ones &* UInt64(0x7F &- last)) & ~word & high
    }

    /// The high bit of each byte that is an ASCII letter, A–Z or a–z: the folded byte b | 0x20 is in
    /// a–z.
    @inlinable
    public static func letters(_ word: UInt64) -> UInt64 {
        asciiRange(word, word & ~high | ones &* 0x20, 0x61, 0x7A)
    }

    /// The high bit of each byte that is an ASCII digit 0–9.
    @inlinable
    public static func digits(_ word: UInt64) -> UInt64 { asciiRange(word, word & ~high, 0x30, 0x39) }

    /// The high bit of each byte that is an ASCII capital, A–Z.
    @inlinable
    public static func uppercase(_ word: UInt64) -> UInt64 { asciiRange(word, word & ~high, 0x41, 0x5A) }

    /// The high bit of each byte equal to `byte`: the zero bytes of x = word ^ byte·0x01…, found exactly
    /// by ((x & 0x7F…) + 0x7F…) | x, whose high bit is set in every non-zero byte and which cannot carry
    /// from one byte into the next.
    @inlinable
    public static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ ones &* UInt64(byte)
        return ~(((x & ~high) &+ ~high) | x) & high
    }

    /// The high bit of each byte at or above `limit`, which is at least 0x80: a byte with its high bit
    /// set whose low seven bits reach `limit` − 0x80.
    @inlinable
    public static func atLeast(_ limit: UInt8, _ word: UInt64) -> UInt64 {
        ((word & ~high) &+ ones &* UInt64(0x100 &- Int(limit))) & word & high
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// The index of the first `byte` at or after `start`, or nil: found by the C library's `memchr`,
    /// which looks at many bytes an instruction.
    @inlinable
    public func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        guard start >= 0, start < count, let base = baseAddress,
            let found = memchr(base + start, Int32(byte), count - start)
        else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}
