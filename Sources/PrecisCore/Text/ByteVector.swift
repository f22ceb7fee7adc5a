#if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
    import _Builtin_intrinsics.intel
#endif

/// Tests on sixteen bytes at once, held in a SIMD vector, for the scans where ``ByteWord``'s eight bytes
/// a step still cost the most: on x86-64 each test compiles to one or two SSE2 instructions (part of the
/// baseline that Swift builds for), where ``ByteWord`` needs a handful of integer operations per eight
/// bytes.
///
/// A test gives a `SIMDMask`; ``bits(_:)`` turns it into one bit per byte, the first byte lowest, so that
/// a scan can ask whether any byte matches or go straight to the first (its trailing zero bits).
public enum ByteVector {
    public typealias Vector = SIMD16<UInt8>
    public typealias Mask = SIMDMask<SIMD16<Int8>>

    /// The sixteen bytes at `offset`, in memory order.
    @inlinable @inline(__always)
    public static func load(_ base: UnsafePointer<UInt8>, at offset: Int) -> Vector {
        UnsafeRawPointer(base + offset).loadUnaligned(as: Vector.self)
    }

    /// The bytes equal to `byte`.
    @inlinable @inline(__always)
    public static func equal(_ vector: Vector, _ byte: UInt8) -> Mask { vector .== Vector(repeating: byte) }

    /// The bytes at or above `limit`.
    @inlinable @inline(__always)
    public static func atLeast(_ limit: UInt8, _ vector: Vector) -> Mask { vector .>= Vector(repeating: limit) }

    /// The bytes within `first`...`last`: b − first, wrapping, is at most last − first.
    @inlinable @inline(__always)
    public static func within(_ vector: Vector, _ first: UInt8, _ last: UInt8) -> Mask {
        vector &- Vector(repeating: first) .<= Vector(repeating: last &- first)
    }

    /// `byte` where `mask` is set, zero elsewhere.
    @inlinable @inline(__always)
    public static func byte(_ byte: UInt8, where mask: Mask) -> Vector {
        unsafeBitCast(mask, to: Vector.self) & Vector(repeating: byte)
    }

    /// One bit per byte of a mask, the first byte's lowest: on x86-64 SSE2's `pmovmskb`, one instruction;
    /// elsewhere ``gatheredBits(_:)``.
    @inlinable @inline(__always)
    public static func bits(_ mask: Mask) -> UInt32 {
        #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
            UInt32(truncatingIfNeeded: _mm_movemask_epi8(unsafeBitCast(mask, to: SIMD2<Int64>.self)))
        #else
            gatheredBits(mask)
        #endif
    }

    /// ``bits(_:)`` in portable arithmetic. Each half's matching bytes keep their high bit, and one
    /// multiplication gathers the eight high bits into the top byte: the product of bit 8j + 7 and
    /// 2^7(7 − j) lands on bit 56 + j, and no two of the 64 partial products share a bit, so nothing
    /// carries (the "gather the high bits" multiplication of Warren, *Hacker's Delight*, 2nd ed., 7–2).
    @inlinable @inline(__always)
    public static func gatheredBits(_ mask: Mask) -> UInt32 {
        let high = unsafeBitCast(mask, to: Vector.self) & Vector(repeating: 0x80)
        let halves = unsafeBitCast(high, to: SIMD2<UInt64>.self)
        let gather: UInt64 = 0x0002_0408_1020_4081
        let low = (halves[0] &* gather) &>> 56
        let upper = (halves[1] &* gather) &>> 56
        return UInt32(truncatingIfNeeded: low | upper &<< 8)
    }
}
