import Foundation

/// URL slugs made from titles: lowercase ASCII words joined by hyphens, with Cyrillic transliterated
/// as Russian URLs commonly spell it (ж zh, х kh, ц ts, щ shch, ю yu, я ya; ь and ъ dropped),
/// accents on Latin letters dropped and ß spelled ss.
public enum Slug {
    /// The longest slug made, in characters; longer titles are cut at a word boundary.
    public static let maximumLength = 80

    public static func make(from title: String) -> String {
        var words: [String] = []
        var word = ""
        for original in title.lowercased().unicodeScalars {
            if let latin = spelledOut[original.value] {
                word += latin
                continue
            }
            if original == "'" || original == "\u{2019}" || original == "ь" || original == "ъ" { continue }
            // é to e, ü to u.
            let folded = String(original).folding(options: .diacriticInsensitive, locale: nil).unicodeScalars
            if folded.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }) {
                word.unicodeScalars.append(contentsOf: folded)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        var slug = ""
        for word in words {
            let next = slug.isEmpty ? word : slug + "-" + word
            if next.count > maximumLength {
                if slug.isEmpty { slug = String(word.prefix(maximumLength)) }
                break
            }
            slug = next
        }
        return slug.isEmpty ? "article" : slug
    }

    /// Lowercase Cyrillic letters and their Latin spellings (ь and ъ are dropped), and the Latin letters
    /// that are more than an accented letter (ß, æ, ø...).
    private static let spelledOut: [UInt32: String] = {
        let pairs: [(Character, String)] = [
            ("а", "a"), ("б", "b"), ("в", "v"), ("г", "g"), ("д", "d"), ("е", "e"), ("ё", "yo"), ("ж", "zh"),
            ("з", "z"), ("и", "i"), ("й", "y"), ("к", "k"), ("л", "l"), ("м", "m"), ("н", "n"), ("о", "o"),
            ("п", "p"), ("р", "r"), ("с", "s"), ("т", "t"), ("у", "u"), ("ф", "f"), ("х", "kh"), ("ц", "ts"),
            ("ч", "ch"), ("ш", "sh"), ("щ", "shch"), ("ы", "y"), ("э", "e"), ("ю", "yu"), ("я", "ya"),
            ("і", "i"), ("ї", "yi"), ("є", "ye"), ("ґ", "g"), ("ў", "u"), ("ß", "ss"), ("æ", "ae"), ("ø", "o"),
            ("œ", "oe"), ("đ", "d"), ("ł", "l"), ("þ", "th"),
        ]
        var table: [UInt32: String] = [:]
        for (letter, latin) in pairs {
            for scalar in letter.unicodeScalars { table[scalar.value] = latin }
        }
        return table
    }()
}
