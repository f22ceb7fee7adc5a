/// Chooses the language of a text among the ``Language/catalog``.
///
/// The script decides first (a mostly Cyrillic text is Russian among today's catalog); within a script,
/// the share of each language's stopwords among the first few hundred words decides, as in the
/// stopword-profile method of Grefenstette (1995, "Comparing two language identification schemes").
/// A text in which no catalog language finds its stopwords, and that is not in Latin or Cyrillic
/// script (Arabic, Hebrew, Chinese, ...), gets ``Language/undetermined``: no stemming, no stopwords.
///
/// - Complexity: O(min(n, 8 KiB)): the first 8 KiB (up to 300 words) decide.
enum LanguageDetector {
    private static let stopwords = Language.catalog.map(\.stopwordBytes)

    static func detect(_ bytes: [UInt8]) -> Language {
        let limit = min(bytes.count, 8_192)
        var latin = 0
        var cyrillic = 0
        var other = 0
        var words = 0
        var hits = [Int](repeating: 0, count: Language.catalog.count)
        var current = ScratchBytes()
        func count() {
            words += 1
            let word = current.bytes
            let hash = FormTable.hash(word)
            for (index, set) in stopwords.enumerated() where set.contains(word, hash: hash) { hits[index] += 1 }
            current.removeAll()
        }
        var i = 0
        while i < limit && words < 300 {
            let (c, length) = UTF8Scalar.decode(bytes, at: i)
            if UTF8Scalar.isLetter(c) || c == 0x27 || c == 0x2019 {
                if c < 0x250 { latin += 1 } else if c >= 0x400 && c < 0x530 { cyrillic += 1 } else { other += 1 }
                UTF8Scalar.appendLowercased(c == 0x2019 ? 0x27 : c, to: &current)
            } else if current.count > 0 {
                count()
                // A hundred words in which one language has a quarter of its stopwords settle it.
                if words >= 100 && hits.contains(where: { $0 * 4 >= words }) { break }
            }
            i += length
        }
        if current.count > 0 { count() }

        var best: Language?
        var bestHits = 0
        for (index, language) in Language.catalog.enumerated() where hits[index] > bestHits {
            best = language
            bestHits = hits[index]
        }
        if cyrillic > latin && cyrillic >= other { return .russian }
        if let best, bestHits * 50 >= words, latin + cyrillic >= other { return best }
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
