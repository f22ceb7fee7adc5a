/// Turns a page's bytes into text, choosing the charset the way browsers do (WHATWG HTML, "determining
/// the character encoding"): a charset from the HTTP `Content-Type` header, then a byte-order mark, then
/// `<meta charset>` or `<meta http-equiv="Content-Type">` in the page's head, then detection.
///
/// Detection takes valid UTF-8 as UTF-8; other bytes are windows-1251 when upper-half bytes mostly
/// follow each other, as Cyrillic letters do, otherwise windows-1252.
public enum PageDecoder {
    /// How far into the page `<meta>` declarations are looked for. The standard says 1,024 bytes; real
    /// pages put long scripts and styles first.
    static let prescanLimit = 64 * 1024

    /// The page as text and the charset it was read in.
    /// - Parameter header: a `Content-Type` header (`text/html; charset=...`) or a bare charset label.
    public static func decode(_ bytes: [UInt8], header: String? = nil) -> (text: String, charset: Charset) {
        if let header, let charset = charset(inContentType: header) ?? Charset(label: header) {
            return (charset.decode(bytes[...]), charset)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (Charset.utf8.decode(bytes[3...]), .utf8) }
        if bytes.starts(with: [0xFF, 0xFE]) { return (Charset.utf16LE.decode(bytes[2...]), .utf16LE) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (Charset.utf16BE.decode(bytes[2...]), .utf16BE) }
        if var declared = prescan(bytes) {
            // A page that reached us as bytes cannot be UTF-16 because it says so in ASCII.
            if declared == .utf16LE || declared == .utf16BE { declared = .utf8 }
            return (declared.decode(bytes[...]), declared)
        }
        let detected = detect(bytes)
        return (detected.decode(bytes[...]), detected)
    }

    /// The charset parameter of a `Content-Type` value.
    static func charset(inContentType value: String) -> Charset? {
        let lower = Array(value.lowercased().utf8)
        guard let at = ByteSearch.firstIndex(of: Array("charset".utf8), in: lower[...]) else { return nil }
        var i = at + 7
        while i < lower.count && (lower[i] == 0x20 || lower[i] == 0x09) { i += 1 }
        guard i < lower.count, lower[i] == 0x3D else { return nil }
        i += 1
        while i < lower.count && (lower[i] == 0x20 || lower[i] == 0x09) { i += 1 }
        var quote: UInt8? = nil
        if i < lower.count && (lower[i] == 0x22 || lower[i] == 0x27) {
            quote = lower[i]
            i += 1
        }
        var j = i
        while j < lower.count, lower[j] != quote ?? 0x3B, quote != nil || (lower[j] != 0x20 && lower[j] != 0x3B) {
            j += 1
        }
        return Charset(label: String(decoding: lower[i..<j], as: UTF8.self))
    }

    /// The charset declared by the first `<meta>` element that declares one.
    static func prescan(_ bytes: [UInt8]) -> Charset? {
        let limit = min(bytes.count, prescanLimit)
        var i = 0
        while i < limit {
            guard bytes[i] == 0x3C else {
                i += 1
                continue
            }
            // Skip comments whole: a commented-out declaration does not count.
            if bytes[i...].starts(with: [0x3C, 0x21, 0x2D, 0x2D]) {
                guard let end = ByteSearch.firstIndex(of: [0x2D, 0x2D, 0x3E], in: bytes[(i + 4)..<limit]) else {
                    return nil
                }
                i = end + 3
                continue
            }
            let name = tagName(bytes, at: i + 1, limit: limit)
            guard name.lowercased() == "meta" else {
                i += 1
                continue
            }
            var attributes: [String: String] = [:]
            var k = i + 5
            while k < limit, let (attribute, next) = attribute(bytes, at: k, limit: limit) {
                if attributes[attribute.name] == nil { attributes[attribute.name] = attribute.value }
                k = next
            }
            if let label = attributes["charset"], let charset = Charset(label: label) { return charset }
            if attributes["http-equiv"]?.lowercased() == "content-type", let content = attributes["content"],
                let charset = charset(inContentType: content)
            {
                return charset
            }
            i = k
        }
        return nil
    }

    /// The most likely charset of undeclared bytes.
    static func detect(_ bytes: [UInt8]) -> Charset {
        if String(validating: bytes, as: UTF8.self) != nil { return .utf8 }
        // In windows-1251 Cyrillic text, letters are upper-half bytes next to each other; in windows-1252
        // text of a Latin-script language, an accented letter sits between ASCII letters.
        var beside = (cyrillic: 0, latin: 0)
        var previous: UInt8 = 0x20
        for byte in bytes {
            let high = byte >= 0xC0
            let previousHigh = previous >= 0xC0
            let asciiLetter = { (b: UInt8) in (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
            if high && previousHigh { beside.cyrillic += 1 }
            if (high && asciiLetter(previous)) || (previousHigh && asciiLetter(byte)) { beside.latin += 1 }
            previous = byte
        }
        return beside.cyrillic > beside.latin ? .windows1251 : .windows1252
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }

    private static func tagName(_ bytes: [UInt8], at start: Int, limit: Int) -> String {
        var j = start
        while j < limit, !isSpace(bytes[j]), bytes[j] != 0x3E, bytes[j] != 0x2F { j += 1 }
        return String(decoding: bytes[start..<j], as: UTF8.self)
    }

    /// One attribute of a tag, as the standard's prescan reads it; nil at the tag's end.
    private static func attribute(_ bytes: [UInt8], at start: Int, limit: Int) -> (
        (name: String, value: String), Int
    )? {
        var i = start
        while i < limit && (isSpace(bytes[i]) || bytes[i] == 0x2F) { i += 1 }
        guard i < limit, bytes[i] != 0x3E else { return nil }
        let nameStart = i
        while i < limit, !isSpace(bytes[i]), bytes[i] != 0x3D, bytes[i] != 0x3E, bytes[i] != 0x2F { i += 1 }
        let name = String(decoding: bytes[nameStart..<i], as: UTF8.self).lowercased()
        while i < limit && isSpace(bytes[i]) { i += 1 }
        guard i < limit, bytes[i] == 0x3D else { return ((name, ""), i) }
        i += 1
        while i < limit && isSpace(bytes[i]) { i += 1 }
        guard i < limit else { return ((name, ""), i) }
        if bytes[i] == 0x22 || bytes[i] == 0x27 {
            let quote = bytes[i]
            let valueStart = i + 1
            var j = valueStart
            while j < limit && bytes[j] != quote { j += 1 }
            return ((name, String(decoding: bytes[valueStart..<j], as: UTF8.self)), min(j + 1, limit))
        }
        let valueStart = i
        while i < limit, !isSpace(bytes[i]), bytes[i] != 0x3E { i += 1 }
        return ((name, String(decoding: bytes[valueStart..<i], as: UTF8.self)), i)
    }
}
