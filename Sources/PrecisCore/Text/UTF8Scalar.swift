import Foundation

/// Decoding and classification of Unicode scalars straight from UTF-8 bytes, with fast paths for ASCII
/// and Cyrillic so that segmentation and tokenisation never build a `String` per character.
enum UTF8Scalar {
    /// Decodes the scalar that starts at `i` in valid UTF-8 (a Swift string's bytes are always valid).
    /// A stray continuation byte decodes as U+FFFD with length 1, so the caller always advances.
    @inline(__always)
    static func decode<C: RandomAccessCollection>(_ bytes: C, at i: Int) -> (scalar: UInt32, length: Int)
    where C.Element == UInt8, C.Index == Int {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (b0, 1) }
        let end = bytes.endIndex
        if b0 >= 0xF0, i + 3 < end {
            let v =
                (b0 & 0x07) << 18 | (UInt32(bytes[i + 1]) & 0x3F) << 12 | (UInt32(bytes[i + 2]) & 0x3F) << 6
                | (UInt32(bytes[i + 3]) & 0x3F)
            return (v, 4)
        }
        if b0 >= 0xE0, i + 2 < end {
            let v = (b0 & 0x0F) << 12 | (UInt32(bytes[i + 1]) & 0x3F) << 6 | (UInt32(bytes[i + 2]) & 0x3F)
            return (v, 3)
        }
        if b0 >= 0xC0, i + 1 < end {
            return ((b0 & 0x1F) << 6 | (UInt32(bytes[i + 1]) & 0x3F), 2)
        }
        return (0xFFFD, 1)
    }

    /// The number of bytes of the scalar that `lead` starts in valid UTF-8, found without a branch: 1 for
    /// ASCII (and for a stray continuation byte, as ``decode(_:at:)`` takes it), else 2, 3 or 4.
    @inline(__always)
    static func length(lead: UInt8) -> Int {
        1 &+ (lead >= 0xC0 ? 1 : 0) &+ (lead >= 0xE0 ? 1 : 0) &+ (lead >= 0xF0 ? 1 : 0)
    }

    /// The start of the scalar that contains the byte before `i`.
    @inline(__always)
    static func previousStart<C: RandomAccessCollection>(_ bytes: C, before i: Int) -> Int
    where C.Element == UInt8, C.Index == Int {
        var j = i - 1
        while j > bytes.startIndex && bytes[j] & 0xC0 == 0x80 { j -= 1 }
        return j
    }

    /// Whether a scalar can be changed by NFC: combining marks, Hangul jamo and the singletons that
    /// NFC replaces. False for every other starter, so ordinary text skips the slow path.
    static func mayChangeUnderNFC(_ v: UInt32) -> Bool {
        if v < 0x0300 { return false }
        if v >= 0x0400 && v < 0x0483 { return false }  // Cyrillic letters
        switch v {
        case 0x0340, 0x0341, 0x0343, 0x0344, 0x0374, 0x037E, 0x0387, 0x1F71...0x1FFD, 0x2000, 0x2001,
            0x2126, 0x212A, 0x212B, 0x2329, 0x232A, 0x1100...0x11FF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            guard let scalar = Unicode.Scalar(v) else { return false }
            return scalar.properties.canonicalCombiningClass != .notReordered
        }
    }

    /// Whether the scalar is a letter (or a combining mark that continues one). The scripts and marks
    /// of most European text are answered without a look-up of Unicode properties: ASCII, the letters
    /// of Latin-1 and Latin Extended-A, Cyrillic, and the General Punctuation block (dashes, curly
    /// quotes, ellipsis), which has no letter.
    @inline(__always)
    static func isLetter(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
        if v >= 0xC0 && v <= 0x17F { return v != 0xD7 && v != 0xF7 }
        if v >= 0x0400 && v <= 0x04FF { return v <= 0x0481 || v >= 0x048A }
        if v >= 0x2000 && v <= 0x206F { return false }
        return isLetterByProperties(v)
    }

    /// ``isLetter(_:)`` from the scalar's Unicode properties alone.
    static func isLetterByProperties(_ v: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(v) else { return false }
        let p = scalar.properties
        return p.isAlphabetic || p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark
    }

    /// Whether the scalar is a decimal digit; answered for ASCII, Latin-1, Latin Extended-A, Cyrillic and
    /// General Punctuation, which have none besides 0–9, without a look-up of Unicode properties.
    @inline(__always)
    static func isDigit(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x30 && v <= 0x39 }
        if v <= 0x17F || (v >= 0x0400 && v <= 0x04FF) || (v >= 0x2000 && v <= 0x206F) { return false }
        return isDigitByProperties(v)
    }

    /// ``isDigit(_:)`` from the scalar's Unicode properties alone.
    static func isDigitByProperties(_ v: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(v) else { return false }
        return scalar.properties.generalCategory == .decimalNumber
    }

    @inline(__always)
    static func isUppercase(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        if v >= 0x0400 && v <= 0x042F { return true }
        if v >= 0x0430 && v <= 0x045F { return false }
        guard let scalar = Unicode.Scalar(v) else { return false }
        return scalar.properties.isUppercase || scalar.properties.generalCategory == .titlecaseLetter
    }

    @inline(__always)
    static func isLowercase(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x61 && v <= 0x7A }
        if v >= 0x0430 && v <= 0x045F { return true }
        if v >= 0x0400 && v <= 0x042F { return false }
        guard let scalar = Unicode.Scalar(v) else { return false }
        return scalar.properties.isLowercase
    }

    /// Letters of scripts without case (Arabic, Hebrew, CJK, ...): a sentence may start with them.
    @inline(__always)
    static func isCaselessLetter(_ v: UInt32) -> Bool {
        v >= 0x80 && isLetter(v) && !isUppercase(v) && !isLowercase(v)
    }

    @inline(__always)
    static func isSpace(_ v: UInt32) -> Bool {
        v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D
    }

    /// Appends the lowercase form of a scalar as UTF-8.
    @inline(__always)
    static func appendLowercased<Sink: ByteSink>(_ v: UInt32, to out: inout Sink) {
        if v < 0x80 {
            out.append(UInt8(v >= 0x41 && v <= 0x5A ? v | 0x20 : v))
            return
        }
        var lower = v
        if v >= 0x0410 && v <= 0x042F {
            lower = v + 0x20
        } else if v >= 0x0400 && v <= 0x040F {
            lower = v + 0x50
        } else if v >= 0x0430 && v <= 0x045F {
            lower = v
        } else if let scalar = Unicode.Scalar(v), scalar.properties.changesWhenLowercased {
            for s in scalar.properties.lowercaseMapping.unicodeScalars { appendScalar(s.value, to: &out) }
            return
        }
        appendScalar(lower, to: &out)
    }

    @inline(__always)
    static func appendScalar<Sink: ByteSink>(_ v: UInt32, to out: inout Sink) {
        switch v {
        case 0..<0x80:
            out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}

/// Unicode normalisation of short combining sequences, delegated to Foundation (which ships ICU's tables).
enum UnicodeNormalization {
    static func nfc(_ s: String) -> String {
        s.precomposedStringWithCanonicalMapping
    }
}

/// Where UTF-8 is written: a byte array, the tokenizer's ``GrowableBuffer``, or a ``FixedBytes`` buffer.
protocol ByteSink {
    mutating func append(_ byte: UInt8)
}

extension Array: ByteSink where Element == UInt8 {}
extension GrowableBuffer: ByteSink where Element == UInt8 {}

/// A byte buffer of fixed size, such as one on the stack, that notes when more is written to it than it
/// holds.
struct FixedBytes: ByteSink {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0
    private(set) var overflowed = false

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    mutating func append(_ byte: UInt8) {
        guard count < buffer.count else {
            overflowed = true
            return
        }
        buffer[count] = byte
        count += 1
    }
}
