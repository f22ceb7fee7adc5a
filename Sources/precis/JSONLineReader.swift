import PrecisCore

/// Reads the fields that `summarize --jsonl` uses from one input line, straight from its bytes: a JSON
/// object (RFC 8259) whose "id", "article", "html" and "title" are decoded and whose other members
/// ("references", "system_outputs", ...) are checked for syntax and skipped without being built.
///
/// It stands in for `JSONDecoder`, which builds every member first and took about a tenth of a batch run
/// on the dev sets, whose lines carry several summaries beside each article. A member named twice keeps
/// its first value, as `JSONDecoder` does; a UTF-8 byte order mark before the object is skipped.
/// Strings that are skipped are not checked for valid UTF-8; strings that are read are.
struct JSONLineReader {
    /// Why a line was not read.
    enum Failure: Error, Equatable {
        /// The line is not JSON: what was wrong and at which byte offset, from 0.
        case syntax(String, at: Int)
        /// The line is a JSON object, but this member has the wrong type.
        case type(member: String)
        /// The line is a JSON object, but this member's string is not valid Unicode (bad UTF-8 or a
        /// lone surrogate escape).
        case encoding(member: String)
    }

    /// Arrays and objects nested deeper than this are refused, like `JSONDecoder`'s limit of 512.
    static let maximumDepth = 512

    private let p: UnsafeBufferPointer<UInt8>
    private var i = 0

    private init(_ p: UnsafeBufferPointer<UInt8>) { self.p = p }

    /// The line's fields, and the failure if the line could not be read; the fields then hold what
    /// was read before it (for a type failure, every other member of the line).
    static func read(_ bytes: [UInt8]) -> (line: BatchSummarizer.Line, failure: Failure?) { read(bytes[...]) }

    /// The same for a slice, such as a line of a larger buffer, read where it lies.
    static func read(_ bytes: ArraySlice<UInt8>) -> (line: BatchSummarizer.Line, failure: Failure?) {
        bytes.withUnsafeBufferPointer { p in
            var reader = JSONLineReader(p)
            if p.count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { reader.i = 3 }
            var line = BatchSummarizer.Line()
            do {
                let typeFailure = try reader.object(into: &line)
                reader.skipSpace()
                if reader.i < p.count { throw Failure.syntax("unexpected text after the object", at: reader.i) }
                return (line, typeFailure)
            } catch let failure as Failure {
                return (line, failure)
            } catch {
                return (line, .syntax("unreadable", at: reader.i))
            }
        }
    }

    // MARK: The top-level object

    /// Reads the object's members into `line`; returns the first member of the wrong type, if any.
    private mutating func object(into line: inout BatchSummarizer.Line) throws -> Failure? {
        skipSpace()
        guard i < p.count, p[i] == UInt8(ascii: "{") else {
            throw Failure.syntax("a line must be a JSON object", at: i)
        }
        i += 1
        var typeFailure: Failure?
        var seen = (id: false, article: false, html: false, title: false)
        skipSpace()
        if i < p.count && p[i] == UInt8(ascii: "}") {
            i += 1
            return nil
        }
        while true {
            let name = try memberName()
            var wanted = false
            switch name {
            case "id": (wanted, seen.id) = (!seen.id, true)
            case "article": (wanted, seen.article) = (!seen.article, true)
            case "html": (wanted, seen.html) = (!seen.html, true)
            case "title": (wanted, seen.title) = (!seen.title, true)
            default: break
            }
            if wanted {
                do {
                    try member(name, into: &line)
                } catch let failure as Failure {
                    if case .syntax = failure { throw failure }
                    typeFailure = typeFailure ?? failure
                }
            } else {
                try skipValue(depth: 1)
            }
            skipSpace()
            guard i < p.count else { throw Failure.syntax("the object is not closed", at: i) }
            if p[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            guard p[i] == UInt8(ascii: "}") else { throw Failure.syntax("expected ',' or '}'", at: i) }
            i += 1
            return typeFailure
        }
    }

    /// Reads a member's name and the colon after it, and the spaces around both. Names the reader wants
    /// are plain ASCII, so a longer name or one with escapes is returned as "".
    private mutating func memberName() throws -> String {
        skipSpace()
        guard i < p.count, p[i] == UInt8(ascii: "\"") else { throw Failure.syntax("expected a member name", at: i) }
        let start = i + 1
        let escaped = try skipString()
        let bytes = UnsafeBufferPointer(rebasing: p[start..<(i - 1)])
        skipSpace()
        guard i < p.count, p[i] == UInt8(ascii: ":") else { throw Failure.syntax("expected ':'", at: i) }
        i += 1
        skipSpace()
        guard bytes.count <= 16, !escaped else { return "" }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads a wanted member's value. A value of the wrong type is skipped and reported as `.type`.
    private mutating func member(_ name: String, into line: inout BatchSummarizer.Line) throws {
        guard i < p.count else { throw Failure.syntax("expected a value", at: i) }
        let byte = p[i]
        if byte == UInt8(ascii: "n") {
            try literal("null")
            return
        }
        if name == "id" && (byte == UInt8(ascii: "-") || (byte >= 0x30 && byte <= 0x39)) {
            let start = i
            try skipNumber()
            let text = String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
            guard let number = Double(text), number.isFinite else { throw Failure.type(member: name) }
            line.id = .number(number)
            return
        }
        guard byte == UInt8(ascii: "\"") else {
            try skipValue(depth: 1)
            throw Failure.type(member: name)
        }
        guard let text = try string() else { throw Failure.encoding(member: name) }
        switch name {
        case "id": line.id = .string(text)
        case "article": line.article = text
        case "html": line.html = text
        default: line.title = text
        }
    }

    // MARK: Values

    private mutating func skipSpace() {
        while i < p.count {
            switch p[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    private mutating func skipValue(depth: Int) throws {
        guard i < p.count else { throw Failure.syntax("expected a value", at: i) }
        switch p[i] {
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["): try skipContainer(depth: depth)
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), 0x30...0x39: try skipNumber()
        default: throw Failure.syntax("expected a value", at: i)
        }
    }

    private mutating func skipContainer(depth: Int) throws {
        guard depth < Self.maximumDepth else { throw Failure.syntax("nested too deeply", at: i) }
        let isObject = p[i] == UInt8(ascii: "{")
        let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        i += 1
        skipSpace()
        if i < p.count && p[i] == close {
            i += 1
            return
        }
        while true {
            skipSpace()
            if isObject { _ = try memberName() }
            try skipValue(depth: depth + 1)
            skipSpace()
            guard i < p.count else {
                throw Failure.syntax(isObject ? "an object is not closed" : "an array is not closed", at: i)
            }
            if p[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            guard p[i] == close else {
                throw Failure.syntax(isObject ? "expected ',' or '}'" : "expected ',' or ']'", at: i)
            }
            i += 1
            return
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard i + count <= p.count,
            UnsafeBufferPointer(rebasing: p[i..<(i + count)]).elementsEqual(
                UnsafeBufferPointer(start: word.utf8Start, count: count))
        else { throw Failure.syntax("expected a value", at: i) }
        i += count
    }

    /// A number as RFC 8259 writes it: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    private mutating func skipNumber() throws {
        let start = i
        func digits() -> Int {
            let first = i
            while i < p.count && p[i] >= 0x30 && p[i] <= 0x39 { i += 1 }
            return i - first
        }
        if p[i] == UInt8(ascii: "-") { i += 1 }
        guard i < p.count, p[i] >= 0x30 && p[i] <= 0x39 else { throw Failure.syntax("a malformed number", at: start) }
        if p[i] == 0x30 {
            i += 1
        } else {
            _ = digits()
        }
        if i < p.count && p[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { throw Failure.syntax("a malformed number", at: start) }
        }
        if i < p.count && (p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E")) {
            i += 1
            if i < p.count && (p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-")) { i += 1 }
            guard digits() > 0 else { throw Failure.syntax("a malformed number", at: start) }
        }
        if i < p.count && p[i] >= 0x30 && p[i] <= 0x39 { throw Failure.syntax("a malformed number", at: start) }
    }

    /// Moves past a string, checking its escapes and that it has no raw control characters; returns
    /// whether it has escapes.
    @discardableResult
    private mutating func skipString() throws -> Bool {
        var escaped = false
        let start = i
        i += 1
        while i < p.count {
            // Sixteen bytes at a time while none is a quote, a backslash or a control character.
            while i &+ 16 <= p.count, let base = p.baseAddress {
                let special = ByteVector.jsonSpecial(ByteVector.load(base, at: i))
                if special != 0 {
                    i &+= special.trailingZeroBitCount
                    break
                }
                i &+= 16
            }
            guard i < p.count else { break }
            let byte = p[i]
            if byte == UInt8(ascii: "\"") {
                i += 1
                return escaped
            }
            if byte < 0x20 { throw Failure.syntax("a control character in a string", at: i) }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                i += 1
                guard i < p.count else { break }
                switch p[i] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 1
                case UInt8(ascii: "u"):
                    guard Self.hex(p, at: i + 1) != nil else {
                        throw Failure.syntax("a malformed \\u escape", at: i - 1)
                    }
                    i += 5
                default: throw Failure.syntax("an unknown escape", at: i - 1)
                }
                continue
            }
            i += 1
        }
        throw Failure.syntax("a string is not closed", at: start)
    }

    /// Reads a string; nil when it is valid JSON but not valid Unicode (bad UTF-8, a lone surrogate).
    private mutating func string() throws -> String? {
        let start = i + 1
        let escaped = try skipString()
        let body = UnsafeBufferPointer(rebasing: p[start..<(i - 1)])
        guard escaped else { return String(validating: body, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var k = 0
        while k < body.count {
            guard body[k] == UInt8(ascii: "\\") else {
                // The run up to the next escape, copied at once.
                let end = body.firstIndex(of: UInt8(ascii: "\\"), from: k) ?? body.count
                out.append(contentsOf: UnsafeBufferPointer(rebasing: body[k..<end]))
                k = end
                continue
            }
            let escape = body[k + 1]
            k += 2
            switch escape {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = Self.hex(body, at: k) else { return nil }
                k += 4
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    // A high surrogate must be followed by an escaped low one.
                    guard k + 6 <= body.count, body[k] == UInt8(ascii: "\\"), body[k + 1] == UInt8(ascii: "u"),
                        let low = Self.hex(body, at: k + 2), low >= 0xDC00 && low < 0xE000
                    else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    k += 6
                }
                guard let unicode = Unicode.Scalar(scalar) else { return nil }
                UTF8.encode(unicode) { out.append($0) }
            default: out.append(escape)
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    /// The value of four hexadecimal digits at `k`, or nil.
    private static func hex(_ bytes: UnsafeBufferPointer<UInt8>, at k: Int) -> UInt32? {
        guard k + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[k..<(k + 4)] {
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
