import Foundation

/// Text prepared for analysis, with a way back to the bytes the user gave.
///
/// Normalisation folds the variants that would otherwise split words and sentences in the wrong places:
/// CRLF and lone CR become LF; U+2028 and U+0085 become LF and U+2029 a blank line; non-breaking and
/// other fixed-width spaces become a plain space; zero-width spaces, word joiners, byte-order marks and
/// soft hyphens are removed; C0 control characters become spaces; and combining sequences are put in
/// Unicode Normalization Form C.
///
/// The mapping back is kept as a sorted list of edits, one per changed span, so an unchanged ASCII text
/// costs nothing beyond its copy, and any position maps back in O(log e) for e edits.
public struct NormalizedText: Sendable {
    /// A span of the normalised text that differs from the original span it came from; a deletion
    /// has an empty normalised span.
    struct Edit: Sendable {
        var normalized: Range<Int>
        var original: Range<Int>
    }

    /// The normalised text as UTF-8.
    public let bytes: [UInt8]
    /// The UTF-8 length of the original text.
    public let originalLength: Int
    private let edits: [Edit]
    /// Whether normalisation changed nothing, so that the original text is the normalised one.
    let isUnchanged: Bool
    /// Whether any span changed length, so that offsets differ from the original's.
    var hasEdits: Bool { !edits.isEmpty }

    /// Normalises `text`.
    ///
    /// - Complexity: O(n) in the UTF-8 length of `text`.
    public init(_ text: String) {
        var input = text
        let (result, unchanged) = input.withUTF8 { input in
            let result = NormalizedText.normalize(input)
            // Replacements of the same length (a lone CR, a control character) need no edit, so the
            // bytes themselves are compared.
            let unchanged =
                result.edits.isEmpty && result.bytes.count == input.count
                && result.bytes.withUnsafeBytes { out in
                    guard let a = out.baseAddress, let b = input.baseAddress else { return input.isEmpty }
                    return memcmp(a, b, input.count) == 0
                }
            return (result, unchanged)
        }
        self.bytes = result.bytes
        self.edits = result.edits
        self.originalLength = text.utf8.count
        self.isUnchanged = unchanged
    }

    /// The last edit whose normalised start is below (or, with `inclusive`, at) `offset`.
    private func lastEdit(before offset: Int, inclusive: Bool) -> Edit? {
        var low = 0
        var high = edits.count
        while low < high {
            let mid = (low + high) / 2
            let start = edits[mid].normalized.lowerBound
            if start < offset || (inclusive && start == offset) { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : edits[low - 1]
    }

    /// The original UTF-8 offset where the text at normalised offset `offset` starts; text after a
    /// deleted character starts after it.
    public func originalOffset(_ offset: Int) -> Int {
        guard let edit = lastEdit(before: offset, inclusive: true) else { return offset }
        if offset < edit.normalized.upperBound { return edit.original.lowerBound }
        return min(edit.original.upperBound + (offset - edit.normalized.upperBound), originalLength)
    }

    /// The original UTF-8 offset where text that ends at normalised offset `offset` ends; text before a
    /// deleted character ends before it.
    public func originalEndOffset(_ offset: Int) -> Int {
        guard let edit = lastEdit(before: offset, inclusive: false) else { return offset }
        if offset <= edit.normalized.upperBound { return edit.original.upperBound }
        return min(edit.original.upperBound + (offset - edit.normalized.upperBound), originalLength)
    }

    /// The original UTF-8 range of a normalised range.
    public func originalRange(_ range: Range<Int>) -> Range<Int> {
        let start = originalOffset(range.lowerBound)
        guard !range.isEmpty else { return start..<start }
        return start..<max(start, originalEndOffset(range.upperBound))
    }

    /// The normalised text of a range as a String.
    public func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The whole normalised text as a String.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Whether normalising keeps a byte as it is without looking further: printable ASCII or a line feed.
    /// (The sixteen-byte search in ``normalize(_:)`` tests the same bytes.)
    @inline(__always)
    private static func isKeptAsIs(_ b: UInt8) -> Bool { (b >= 0x20 && b < 0x7F) || b == 0x0A }

    private static func normalize(_ input: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], edits: [Edit]) {
        var out = [UInt8]()
        out.reserveCapacity(input.count)
        var edits: [Edit] = []
        var lastStarterOut = 0
        var lastStarterIn = 0
        var i = 0
        let n = input.count

        /// Records that the output since `outStart` replaces the input `from..<i`.
        func edit(_ outStart: Int, _ from: Int) {
            edits.append(Edit(normalized: outStart..<out.count, original: from..<i))
        }

        while i < n {
            let b = input[i]
            if Self.isKeptAsIs(b) {
                // A run of printable ASCII and line feeds is copied as it is; its end is found sixteen
                // bytes at a time (``ByteVector``) while they last.
                var j = i + 1
                if let base = input.baseAddress {
                    while j + 16 <= n {
                        let vector = ByteVector.load(base, at: j)
                        let kept = ByteVector.bits(
                            ByteVector.within(vector, 0x20, 0x7E) .| ByteVector.equal(vector, 0x0A))
                        let run = (~kept).trailingZeroBitCount
                        j += run
                        if run < 16 { break }
                    }
                }
                while j < n && Self.isKeptAsIs(input[j]) { j += 1 }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: input[i..<j]))
                lastStarterOut = out.count - 1
                lastStarterIn = j - 1
                i = j
                continue
            }
            if b < 0x80 {
                lastStarterOut = out.count
                lastStarterIn = i
                switch b {
                case 0x0D:
                    i += 1
                    if i < n && input[i] == 0x0A {
                        edit(out.count, i - 1)
                    } else {
                        out.append(0x0A)
                    }
                    continue
                case 0x09, 0x0A:
                    out.append(b)
                case 0x00...0x1F, 0x7F:
                    out.append(0x20)
                default:
                    out.append(b)
                }
                i += 1
                continue
            }
            let (scalar, length) = UTF8Scalar.decode(input, at: i)
            let start = i
            switch scalar {
            case 0x00A0, 0x2007, 0x202F, 0x2000...0x200A, 0x205F, 0x3000:
                lastStarterOut = out.count
                lastStarterIn = start
                out.append(0x20)
                i += length
                edit(lastStarterOut, start)
            case 0x200B, 0x2060, 0xFEFF, 0x00AD, 0x180E:
                i += length
                edit(out.count, start)
            case 0x2028, 0x0085:
                lastStarterOut = out.count
                lastStarterIn = start
                out.append(0x0A)
                i += length
                edit(lastStarterOut, start)
            case 0x2029:
                lastStarterOut = out.count
                lastStarterIn = start
                out.append(0x0A)
                out.append(0x0A)
                i += length
                edit(lastStarterOut, start)
            default:
                if UTF8Scalar.mayChangeUnderNFC(scalar) {
                    // Re-normalise the whole combining sequence from its starter.
                    var end = i + length
                    while end < n && input[end] >= 0x80 {
                        let (next, nextLength) = UTF8Scalar.decode(input, at: end)
                        guard UTF8Scalar.mayChangeUnderNFC(next) else { break }
                        end += nextLength
                    }
                    let from = (lastStarterIn < start && out.count > lastStarterOut) ? lastStarterIn : start
                    let sequence = String(decoding: UnsafeBufferPointer(rebasing: input[from..<end]), as: UTF8.self)
                    let composed = Array(UnicodeNormalization.nfc(sequence).utf8)
                    if composed.elementsEqual(input[from..<end]) {
                        out.append(contentsOf: input[start..<end])
                    } else {
                        if from < start {
                            out.removeSubrange(lastStarterOut...)
                            while let last = edits.last, last.normalized.lowerBound >= lastStarterOut {
                                edits.removeLast()
                            }
                        }
                        let outStart = out.count
                        out.append(contentsOf: composed)
                        i = end
                        edit(outStart, from)
                        continue
                    }
                    i = end
                } else {
                    lastStarterOut = out.count
                    lastStarterIn = start
                    out.append(contentsOf: input[start..<(start + length)])
                    i += length
                }
            }
        }
        return (out, edits)
    }
}
