import Glibc

/// The character encodings Precis reads pages in, and their decoding to UTF-8.
///
/// The labels follow the WHATWG Encoding Standard, which also says that `iso-8859-1`, `latin1` and
/// `us-ascii` mean windows-1252 on the web; the single-byte tables are those of the standard's index
/// files (https://encoding.spec.whatwg.org/). The other encodings the standard names (Central European,
/// Greek, Turkish, Baltic, Vietnamese, and the Chinese, Japanese and Korean multi-byte ones) are decoded by
/// the C library's iconv(3), which glibc ships with its conversion tables.
public enum Charset: String, Sendable, Codable {
    case utf8 = "utf-8"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    case windows1252 = "windows-1252"
    case windows1251 = "windows-1251"
    case koi8R = "koi8-r"
    case windows1250 = "windows-1250"
    case iso8859_2 = "iso-8859-2"
    case windows1253 = "windows-1253"
    case windows1254 = "windows-1254"
    case windows1257 = "windows-1257"
    case windows1258 = "windows-1258"
    case gb18030 = "gb18030"
    case big5 = "big5"
    case shiftJIS = "shift_jis"
    case eucJP = "euc-jp"
    case iso2022JP = "iso-2022-jp"
    case eucKR = "euc-kr"

    /// The charset a label names (`UTF-8`, `latin1`, `cp1251`, ...), or nil.
    public init?(label: String) {
        let key = label.trimmingSpaces.lowercased()
        switch key {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": self = .utf8
        case "utf-16le", "utf-16", "unicode", "ucs-2", "csunicode", "iso-10646-ucs-2": self = .utf16LE
        case "utf-16be", "unicodefffe": self = .utf16BE
        case "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1",
            "ascii", "us-ascii", "iso-ir-100", "ibm819", "cp819", "csisolatin1", "iso88591", "iso-8859-15",
            "iso8859-15", "latin9", "l9":
            self = .windows1252
        case "windows-1251", "cp1251", "x-cp1251": self = .windows1251
        case "koi8-r", "koi8r", "koi8", "cskoi8r", "koi8-u", "koi8-ru": self = .koi8R
        case "windows-1250", "cp1250", "x-cp1250": self = .windows1250
        case "iso-8859-2", "iso8859-2", "iso_8859-2", "latin2", "l2", "csisolatin2", "iso-ir-101": self = .iso8859_2
        case "windows-1253", "cp1253", "x-cp1253", "iso-8859-7", "iso8859-7", "greek", "greek8": self = .windows1253
        case "windows-1254", "cp1254", "x-cp1254", "iso-8859-9", "iso8859-9", "latin5", "l5": self = .windows1254
        case "windows-1257", "cp1257", "x-cp1257", "iso-8859-13", "iso8859-13": self = .windows1257
        case "windows-1258", "cp1258", "x-cp1258": self = .windows1258
        case "gb18030", "gbk", "gb2312", "gb_2312-80", "chinese", "csgb2312", "x-gbk", "cp936", "euc-cn":
            self = .gb18030
        case "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5": self = .big5
        case "shift_jis", "shift-jis", "sjis", "ms_kanji", "csshiftjis", "windows-31j", "x-sjis", "ms932":
            self = .shiftJIS
        case "euc-jp", "cseucpkdfmtjapanese", "x-euc-jp": self = .eucJP
        case "iso-2022-jp", "csiso2022jp": self = .iso2022JP
        case "euc-kr", "cseuckr", "ks_c_5601-1987", "korean", "windows-949", "cp949": self = .eucKR
        default: return nil
        }
    }

    /// Decodes bytes in this charset to a string; undecodable bytes become U+FFFD.
    public func decode(_ bytes: ArraySlice<UInt8>) -> String {
        switch self {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .utf16LE, .utf16BE:
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var i = bytes.startIndex
            while i + 1 < bytes.endIndex {
                let a = UInt16(bytes[i])
                let b = UInt16(bytes[i + 1])
                units.append(self == .utf16LE ? a | b << 8 : a << 8 | b)
                i += 2
            }
            return String(decoding: units, as: UTF16.self)
        case .windows1252, .windows1251, .koi8R:
            let table =
                self == .windows1252
                ? Self.windows1252High : self == .windows1251 ? Self.windows1251High : Self.koi8RHigh
            var scalars = String.UnicodeScalarView()
            for byte in bytes {
                let value = byte < 0x80 ? UInt32(byte) : UInt32(table[Int(byte) - 0x80])
                scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            }
            return String(scalars)
        case .windows1250, .iso8859_2, .windows1253, .windows1254, .windows1257, .windows1258, .gb18030, .big5,
            .shiftJIS, .eucJP, .iso2022JP, .eucKR:
            return Self.convert(bytes, from: iconvName)
        }
    }

    /// The name glibc's iconv knows the charset by.
    var iconvName: String {
        switch self {
        case .eucKR: "CP949"
        case .shiftJIS: "CP932"
        case .big5: "BIG5-HKSCS"
        default: rawValue.uppercased()
        }
    }

    /// Decodes with iconv(3) to UTF-8; a byte it cannot convert becomes U+FFFD, and so does the whole
    /// text when the C library lacks the conversion.
    static func convert(_ bytes: ArraySlice<UInt8>, from name: String) -> String {
        guard let converter = iconv_open("UTF-8", name), converter != iconv_t(bitPattern: -1) else {
            return bytes.isEmpty ? "" : "\u{FFFD}"
        }
        defer { iconv_close(converter) }
        var input = Array(bytes).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 2 + 16)
        var offset = 0
        var written = 0
        while offset < input.count {
            if output.count - written < 16 { output += repeatElement(0, count: output.count) }
            let (result, failure, consumed, produced) = input.withUnsafeMutableBufferPointer { source in
                output.withUnsafeMutableBufferPointer { target in
                    var inPointer = source.baseAddress.map { $0 + offset }
                    var outPointer = target.baseAddress.map { $0 + written }
                    var inLeft = source.count - offset
                    var outLeft = target.count - written
                    let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    return (result, errno, source.count - offset - inLeft, target.count - written - outLeft)
                }
            }
            offset += consumed
            written += produced
            if result == -1 && failure != E2BIG {
                // An invalid or truncated sequence: a replacement character, then on from the next byte.
                output.replaceSubrange(written..<written, with: [-17, -65, -67])
                written += 3
                offset += 1
            }
        }
        return String(decoding: output[..<written].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// windows-1252 from 0x80: Latin-1 with typographic punctuation in 0x80–0x9F.
    static let windows1252High: [UInt16] = {
        let c1: [UInt16] = [
            0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
            0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
            0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
        ]
        return c1 + (0xA0...0xFF).map { UInt16($0) }
    }()

    /// windows-1251 from 0x80: Cyrillic, with А–я at 0xC0–0xFF.
    static let windows1251High: [UInt16] = {
        let low: [UInt16] = [
            0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A,
            0x040C, 0x040B, 0x040F, 0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x0098, 0x2122,
            0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F, 0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6,
            0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407, 0x00B0, 0x00B1, 0x0406, 0x0456,
            0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
        ]
        return low + (0x0410...0x044F).map { UInt16($0) }
    }()

    /// KOI8-R from 0x80: box drawing, then Cyrillic in the order of the Latin letters they sound like.
    static let koi8RHigh: [UInt16] = {
        let graphics: [UInt16] = [
            0x2500, 0x2502, 0x250C, 0x2510, 0x2514, 0x2518, 0x251C, 0x2524, 0x252C, 0x2534, 0x253C, 0x2580, 0x2584,
            0x2588, 0x258C, 0x2590, 0x2591, 0x2592, 0x2593, 0x2320, 0x25A0, 0x2219, 0x221A, 0x2248, 0x2264, 0x2265,
            0x00A0, 0x2321, 0x00B0, 0x00B2, 0x00B7, 0x00F7, 0x2550, 0x2551, 0x2552, 0x0451, 0x2553, 0x2554, 0x2555,
            0x2556, 0x2557, 0x2558, 0x2559, 0x255A, 0x255B, 0x255C, 0x255D, 0x255E, 0x255F, 0x2560, 0x2561, 0x0401,
            0x2562, 0x2563, 0x2564, 0x2565, 0x2566, 0x2567, 0x2568, 0x2569, 0x256A, 0x256B, 0x256C, 0x00A9,
        ]
        // юабцдефгхийклмнопярстужвьызшэщчъ, then the same in capitals.
        let lower: [UInt16] = [
            0x044E, 0x0430, 0x0431, 0x0446, 0x0434, 0x0435, 0x0444, 0x0433, 0x0445, 0x0438, 0x0439, 0x043A, 0x043B,
            0x043C, 0x043D, 0x043E, 0x043F, 0x044F, 0x0440, 0x0441, 0x0442, 0x0443, 0x0436, 0x0432, 0x044C, 0x044B,
            0x0437, 0x0448, 0x044D, 0x0449, 0x0447, 0x044A,
        ]
        return graphics + lower + lower.map { $0 - 0x20 }
    }()
}

extension String {
    var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) }) ?? start
        return self[start...end]
    }
}
