import PrecisCore

/// Writes a batch output line by hand: the same object, keys sorted, that `JSONEncoder` makes of
/// ``BatchSummarizer/Output``, at a fraction of its cost. `CommandTests` checks the two agree.
///
/// Bytes go to one buffer through a pointer, with room made once per value, so that a literal costs a
/// copy and no array append; strings are scanned for the bytes JSON escapes eight at a time.
struct JSONLineWriter {
    private let buffer = Bytes()

    /// The line written so far.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: buffer.base, count: buffer.count)) }

    mutating func summaryLine(id: BatchSummarizer.ID?, summary: Summary) {
        raw("{\"id\":")
        switch id {
        case .string(let text)?: string(text)
        case .number(let number)?: self.number(number)
        case nil: raw("null")
        }
        raw(",\"keywords\":")
        array(summary.keywords) { writer, keyword in
            writer.raw("{\"count\":")
            writer.integer(keyword.count)
            writer.raw(",\"score\":")
            writer.number(keyword.score)
            writer.raw(",\"text\":")
            writer.string(keyword.text)
            writer.raw("}")
        }
        raw(",\"language\":")
        string(summary.language)
        raw(",\"method\":")
        string(summary.method)
        raw(",\"sentences\":")
        array(summary.sentences) { writer, sentence in
            writer.raw("{\"end\":")
            writer.integer(sentence.end)
            writer.raw(",\"index\":")
            writer.integer(sentence.index)
            writer.raw(",\"score\":")
            writer.number(sentence.score)
            writer.raw(",\"start\":")
            writer.integer(sentence.start)
            writer.raw(",\"text\":")
            writer.string(sentence.text)
            writer.raw("}")
        }
        raw(",\"stats\":{\"article\":")
        counts(summary.stats.article)
        raw(",\"summary\":")
        counts(summary.stats.summary)
        raw("},\"summary\":")
        array(summary.sentences) { writer, sentence in writer.string(sentence.text) }
        if let title = summary.title {
            raw(",\"title\":")
            string(title)
        }
        raw("}")
    }

    private mutating func counts(_ counts: Summary.Counts) {
        raw("{\"reading_time_minutes\":")
        integer(counts.readingTimeMinutes)
        raw(",\"reading_time_seconds\":")
        integer(counts.readingTimeSeconds)
        raw(",\"sentences\":")
        integer(counts.sentences)
        raw(",\"words\":")
        integer(counts.words)
        raw("}")
    }

    private mutating func array<T>(_ items: [T], _ body: (inout JSONLineWriter, T) -> Void) {
        raw("[")
        for (index, item) in items.enumerated() {
            if index > 0 { raw(",") }
            body(&self, item)
        }
        raw("]")
    }

    private func raw(_ text: StaticString) {
        buffer.append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// An integer in decimal, its digits made last first in a word of their own and then copied in order.
    private func integer(_ value: Int) {
        buffer.reserve(21)
        var out = buffer.base + buffer.count
        if value < 0 {
            out.pointee = UInt8(ascii: "-")
            out += 1
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { scratch in
            var rest = value.magnitude
            repeat {
                scratch[23 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            for k in 0..<count { out[k] = scratch[24 - count + k] }
        }
        buffer.count = out + count - buffer.base
    }

    /// A finite number as Swift prints it (shortest round-trip form); whole numbers without a fraction.
    private func number(_ value: Double) {
        guard value.isFinite else { return raw("0") }
        if value == value.rounded(), abs(value) < 1e15 { return integer(Int(value)) }
        var sink = DigitSink(buffer: buffer)
        value.write(to: &sink)
    }

    /// Where `Double.write(to:)` puts a number's digits, the same as its `description`: straight into the
    /// buffer. The standard library hands them to `_writeASCII`, whose default implementation makes a
    /// `String` of them first, a heap allocation for the sixteen or more characters of most scores.
    private struct DigitSink: TextOutputStream {
        let buffer: Bytes

        mutating func write(_ string: String) {
            var string = string
            string.withUTF8 { buffer.append($0) }
        }

        mutating func _writeASCII(_ digits: UnsafeBufferPointer<UInt8>) { buffer.append(digits) }
    }

    /// A string in quotes, with `"`, `\` and control characters escaped; runs without them are copied
    /// eight bytes at a time.
    private func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            // At most six bytes (\u00XX) for each byte, and the quotes.
            buffer.reserve(utf8.count * 6 + 2)
            var out = buffer.base + buffer.count
            out.pointee = UInt8(ascii: "\"")
            out += 1
            let n = utf8.count
            var i = 0
            if let base = utf8.baseAddress {
                while i < n {
                    if i &+ 16 <= n {
                        let vector = ByteVector.load(base, at: i)
                        let escaped = ByteVector.jsonSpecial(vector)
                        UnsafeMutableRawPointer(out).storeBytes(of: vector, as: ByteVector.Vector.self)
                        // A bit past the sixteenth stops the count there when none needs escaping.
                        let clean = (escaped | 1 << 16).trailingZeroBitCount
                        out += clean
                        i &+= clean
                        if clean == 16 { continue }
                    }
                    let byte = base[i]
                    i += 1
                    out = Self.escape(byte, to: out)
                }
            }
            out.pointee = UInt8(ascii: "\"")
            buffer.count = out + 1 - buffer.base
        }
    }

    /// Writes `byte` at `out`, escaped if JSON requires it, and returns where the next byte goes.
    private static func escape(_ byte: UInt8, to out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        func put(_ a: UInt8, _ b: UInt8) -> UnsafeMutablePointer<UInt8> {
            out[0] = a
            out[1] = b
            return out + 2
        }
        switch byte {
        case UInt8(ascii: "\""): return put(0x5C, byte)
        case UInt8(ascii: "\\"): return put(0x5C, byte)
        case 0x0A: return put(0x5C, UInt8(ascii: "n"))
        case 0x0D: return put(0x5C, UInt8(ascii: "r"))
        case 0x09: return put(0x5C, UInt8(ascii: "t"))
        case 0x08: return put(0x5C, UInt8(ascii: "b"))
        case 0x0C: return put(0x5C, UInt8(ascii: "f"))
        case ..<0x20:
            let hex: StaticString = "0123456789abcdef"
            for (k, b) in "\\u00".utf8.enumerated() { out[k] = b }
            out[4] = hex.utf8Start[Int(byte >> 4)]
            out[5] = hex.utf8Start[Int(byte & 0x0F)]
            return out + 6
        default:
            out.pointee = byte
            return out + 1
        }
    }

    /// A growable byte buffer written through its pointer; eight bytes of room always follow ``reserve(_:)``'s
    /// promise, so a string may be copied eight bytes at a time. The engine's byte buffer
    /// (`GrowableBuffer<UInt8>`) is the same kind of buffer, but made public for this module it slowed the
    /// engine's tokenizer (analysis 61 to 83 µs an article on cnndm-dev ×10), so the command keeps this
    /// small one of its own.
    private final class Bytes {
        private(set) var base: UnsafeMutablePointer<UInt8>
        private var capacity = 4096
        var count = 0

        init() { base = .allocate(capacity: capacity + 8) }

        deinit { base.deallocate() }

        func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            reserve(bytes.count)
            if let start = bytes.baseAddress { (base + count).update(from: start, count: bytes.count) }
            count += bytes.count
        }

        /// Makes room for `extra` more bytes after ``count``, and eight beyond them.
        @inline(__always)
        func reserve(_ extra: Int) {
            guard capacity - count < extra else { return }
            var larger = capacity * 2
            while larger - count < extra { larger *= 2 }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: larger + 8)
            grown.update(from: base, count: count)
            base.deallocate()
            base = grown
            capacity = larger
        }
    }
}

extension ByteVector {
    /// A bit for each of sixteen bytes that a JSON string cannot hold as it is, the first byte's lowest:
    /// a control character, a quotation mark or a backslash.
    @inline(__always)
    static func jsonSpecial(_ vector: Vector) -> UInt32 {
        bits(within(vector, 0x00, 0x1F) .| equal(vector, UInt8(ascii: "\"")) .| equal(vector, UInt8(ascii: "\\")))
    }
}
