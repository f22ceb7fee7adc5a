/// Chooses the language of a text among the ``Language/catalog``.
///
/// The script decides first (a mostly Cyrillic text is Russian among today's catalog); within a script,
/// the share of each language's stopwords among the first few thousand words decides, as in the
/// stopword-profile method of Grefenstette (1995, "Comparing two language identification schemes").
/// A text in which no catalog language finds its stopwords, and that is not in Latin or Cyrillic
/// script (Arabic, Hebrew, Chinese, ...), gets ``Language/undetermined``: no stemming, no stopwords.
///
/// - Complexity: O(min(n, 64 KiB)).
enum LanguageDetector {
    static func detect(_ bytes: [UInt8]) -> Language {
        let limit = min(bytes.count, 65_536)
        var latin = 0
        var cyrillic = 0
        var other = 0
        var words: [String] = []
        var current: [UInt8] = []
        var i = 0
        while i < limit {
            let (c, length) = UTF8Scalar.decode(bytes, at: i)
            if UTF8Scalar.isLetter(c) || c == 0x27 || c == 0x2019 {
                if c < 0x250 { latin += 1 } else if c >= 0x400 && c < 0x530 { cyrillic += 1 } else { other += 1 }
                UTF8Scalar.appendLowercased(c == 0x2019 ? 0x27 : c, to: &current)
            } else if !current.isEmpty {
                words.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
            i += length
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }

        var best: Language?
        var bestHits = 0
        for language in Language.catalog {
            let hits = words.reduce(0) { $0 + (language.stopwords.contains($1) ? 1 : 0) }
            if hits > bestHits {
                best = language
                bestHits = hits
            }
        }
        if cyrillic > latin && cyrillic >= other { return .russian }
        if let best, bestHits * 50 >= words.count, latin + cyrillic >= other { return best }
        if other > latin + cyrillic { return .undetermined }
        return best ?? .english
    }
}

extension Language {
    /// A text whose language is not in the catalog and could not be guessed: words are lowercased but
    /// not stemmed, and only the universal segmentation rules apply.
    public static let undetermined = Language(
        code: "und", name: "undetermined", stemmer: nil, stopwords: [], segmentation: .universal)
}
