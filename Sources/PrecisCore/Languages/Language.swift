import CStemmer

/// A language as Precis analyses it: how to stem its words, which words carry no content, how its
/// sentences are delimited and which lines of a copied page are navigation rather than text.
///
/// Everything that differs between languages lives here as data, so a language is added by writing one
/// more value like ``english`` and listing it in ``catalog``; the algorithms never test for a language.
public struct Language: Sendable, CustomStringConvertible {
    /// ISO 639-1 code, such as `en`, or the stemmer's name for a language without one.
    public let code: String
    /// English name, lowercase, as libstemmer spells it (`english`, `russian`).
    public let name: String
    /// The libstemmer algorithm, or nil where words are only lowercased.
    public let stemmer: String?
    /// Lowercase function words that are not counted as content.
    public let stopwords: Set<String>
    /// The stopwords as bytes, for lookups on the hot path.
    let stopwordBytes: ByteSet
    /// Word forms, stems and stopword flags computed so far in this process.
    let lexicon = Lexicon()
    /// Abbreviations and sentence openers for the segmenter.
    public let segmentation: SegmentationRules
    /// The segmentation rules' word lists as byte sets, for the segmenter's lookups.
    let segmentationWords: SegmentationWords
    /// Lowercase phrases that make a short line at the start or end of a copied page a widget
    /// ("previous article", "get a summary"), not article text.
    public let widgetPhrases: [String]

    public init(
        code: String, name: String, stemmer: String?, stopwords: Set<String>,
        segmentation: SegmentationRules, widgetPhrases: [String] = []
    ) {
        self.code = code
        self.name = name
        self.stemmer = stemmer
        self.stopwords = stopwords
        self.stopwordBytes = ByteSet(stopwords)
        self.segmentation = segmentation
        self.segmentationWords = SegmentationWords(segmentation)
        self.widgetPhrases = widgetPhrases
    }

    public var description: String { code }

    /// The languages with stopwords, abbreviations and widget phrases of their own; detection chooses
    /// among these.
    public static let catalog: [Language] = [.english, .russian]

    /// Builds the catalog's languages and what detection reads, which are otherwise built when the first
    /// text needs them: a long-running process (a server, a batch) calls this during its set-up, so that
    /// its first text costs no more than the next.
    public static func prepareCatalog() { LanguageDetector.prepare() }

    /// The stemmers that the installed libstemmer provides, by their names (`english`, `porter`, ...).
    public static var stemmerNames: [String] {
        var names: [String] = []
        guard var list = sb_stemmer_list() else { return names }
        while let name = list.pointee {
            names.append(String(cString: name))
            list += 1
        }
        return names
    }

    /// The language named by an ISO 639-1 code (`en`), a libstemmer name (`english`) or a libstemmer
    /// alias (`eng`). Languages without a catalog entry get libstemmer's stemmer, no stopwords and
    /// the segmentation rules that hold everywhere.
    ///
    /// - Throws: ``PrecisError`` `.unknownLanguage` when neither the catalog nor libstemmer knows it.
    public static func named(_ requested: String) throws -> Language {
        let key = requested.lowercased().trimmingSpaces()
        if let known = catalog.first(where: { $0.code == key || $0.name == key }) { return known }
        let names = stemmerNames
        if let name = names.first(where: { $0 == key }) ?? alias(key, in: names) {
            return Language(
                code: isoCodes[name] ?? name, name: name, stemmer: name, stopwords: [],
                segmentation: .universal)
        }
        let choices = (catalog.map(\.code) + names).joined(separator: ", ")
        throw PrecisError(.unknownLanguage, "unknown language '\(requested)'; choose one of: \(choices)")
    }

    /// libstemmer accepts ISO codes as aliases of its algorithms; ask it, and map back to the name.
    private static func alias(_ key: String, in names: [String]) -> String? {
        guard !key.isEmpty, key.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return nil }
        if let name = isoCodes.first(where: { $0.value == key })?.key, names.contains(name) { return name }
        guard let probe = sb_stemmer_new(key, "UTF_8") else { return nil }
        sb_stemmer_delete(probe)
        return key
    }

    /// ISO 639-1 codes of the Snowball algorithms, used to report a language by its code.
    static let isoCodes: [String: String] = [
        "arabic": "ar", "armenian": "hy", "basque": "eu", "catalan": "ca", "danish": "da", "dutch": "nl",
        "english": "en", "finnish": "fi", "french": "fr", "german": "de", "greek": "el", "hindi": "hi",
        "hungarian": "hu", "indonesian": "id", "irish": "ga", "italian": "it", "lithuanian": "lt",
        "nepali": "ne", "norwegian": "no", "portuguese": "pt", "romanian": "ro", "russian": "ru",
        "serbian": "sr", "spanish": "es", "swedish": "sv", "tamil": "ta", "turkish": "tr", "yiddish": "yi",
    ]
}

extension Language: Equatable {
    public static func == (a: Language, b: Language) -> Bool { a.code == b.code && a.name == b.name }
}

/// What the sentence segmenter needs to know about a language. All entries are lowercase and carry no
/// final period; multi-word abbreviations separate their parts with a single space ("т. д").
public struct SegmentationRules: Sendable {
    /// Abbreviations that stand before a name and so never end a sentence: titles (`mr`, `dr`, `gen`).
    public var titles: Set<String>
    /// Abbreviations that stand before a number (`no`, `p`, `vol`): no boundary when a digit follows.
    public var beforeNumbers: Set<String>
    /// Abbreviations that may end a sentence (`inc`, `etc`, `jan`): a boundary only when the next word
    /// is a common sentence opener (a capitalised stopword or one of ``openers``).
    public var abbreviations: Set<String>
    /// Capitalised words, besides stopwords, that commonly open a sentence after an abbreviation.
    public var openers: Set<String>
    /// Words that, capitalised between two lowercase words, start a sentence even without punctuation
    /// before them: a photo caption run into the text ("… on her face An 86-year-old nun was …").
    public var unpunctuatedOpeners: Set<String>

    public init(
        titles: Set<String> = [], beforeNumbers: Set<String> = [], abbreviations: Set<String> = [],
        openers: Set<String> = [], unpunctuatedOpeners: Set<String> = []
    ) {
        self.titles = titles
        self.beforeNumbers = beforeNumbers
        self.abbreviations = abbreviations
        self.openers = openers
        self.unpunctuatedOpeners = unpunctuatedOpeners
    }

    /// Rules for a language without its own: initials, numbers, URLs, quotes and line breaks still
    /// work, since they need no word lists.
    public static let universal = SegmentationRules()
}

extension String {
    /// The words of a list written in source, separated by spaces and line breaks, split on those bytes:
    /// splitting by `Character` would read every grapheme of it at each start-up.
    var wordsOfList: [String] {
        utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D })
            .map { String(decoding: $0, as: UTF8.self) }
    }

    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
