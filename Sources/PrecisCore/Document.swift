/// An analysed text: its paragraphs, sentences and words, each located by a UTF-8 byte range in the
/// text as given, so any part of a summary can be found and highlighted there.
///
/// Building a document normalises the text (``NormalizedText``), optionally drops the widget lines of a
/// copied page and takes its headline as the title (``Configuration/dropsPageWidgets``), detects the
/// language unless one is given, splits paragraphs at blank lines and sentences with
/// ``SentenceSegmenter``, and tokenises, lowercases and stems the words.
///
/// - Complexity: O(n) in the length of the text, plus one stemmer call per distinct word.
public struct Document: Sendable {
    public struct Configuration: Sendable {
        /// The language, or nil to detect it among ``Language/catalog``.
        public var language: Language?
        /// Drop navigation and widget lines at the start and end of a copied page, and take a
        /// standalone first line as the headline when no title is given.
        public var dropsPageWidgets: Bool
        /// The largest input accepted, in UTF-8 bytes.
        public var maximumInputBytes: Int

        public init(language: Language? = nil, dropsPageWidgets: Bool = true, maximumInputBytes: Int = 32 << 20) {
            self.language = language
            self.dropsPageWidgets = dropsPageWidgets
            self.maximumInputBytes = maximumInputBytes
        }
    }

    /// The text as given.
    public let text: String
    /// The title given, or the headline found at the top of a copied page.
    public let title: String?
    /// The byte range of the headline in ``text`` when it was found there.
    public let titleRange: Range<Int>?
    public let language: Language
    public let paragraphs: [Paragraph]
    public let sentences: [Sentence]
    /// Every word, number and other token of letters or digits, in order.
    public let tokens: [Token]
    /// The byte ranges of lines dropped as page widgets.
    public let droppedLines: [Range<Int>]
    /// The number of distinct stems (term ids run from 0 to `termCount - 1`).
    public let termCount: Int
    /// The lexicon's stem id of each term, or `-(k + 1)` for the k-th of ``unknownStemEnds``.
    private let stemIDs: [Int32]
    private let unknownStemBytes: [UInt8]
    private let unknownStemEnds: [Int32]
    /// The title's content terms, sorted, without duplicates.
    let titleTerms: [Int32]

    /// The number of words (tokens with at least one letter or digit) in the sentences.
    public var wordCount: Int { tokens.count }

    public init(_ text: String, title: String? = nil, configuration: Configuration = Configuration()) throws {
        let size = text.utf8.count
        guard size <= configuration.maximumInputBytes else {
            throw PrecisError(
                .inputTooLarge,
                "the input is \(size) bytes; the limit is \(configuration.maximumInputBytes) bytes")
        }
        let normalized = NormalizedText(text)
        let bytes = normalized.bytes
        guard bytes.contains(where: { !SentenceSegmenter.isSpaceByte($0) }) else {
            throw PrecisError.emptyInput()
        }
        let language = configuration.language ?? LanguageDetector.detect(bytes)

        // Lines, widgets and the headline.
        let lines = Paragraphs.lines(in: bytes)
        var keep = lines.map { !Paragraphs.isBlank(bytes, $0) }
        var titleLine: Int?
        if configuration.dropsPageWidgets {
            let cleaned = PageCleaner.clean(bytes, lines: lines, findTitle: title == nil)
            keep = cleaned.keep
            titleLine = cleaned.title
        }
        var dropped: [Range<Int>] = []
        for (index, line) in lines.enumerated() where !keep[index] && !Paragraphs.isBlank(bytes, line) {
            if index != titleLine { dropped.append(normalized.originalRange(line)) }
        }
        let paragraphRanges = Paragraphs.group(lines, keep: keep)

        // Sentences and tokens.
        let segmenter = SentenceSegmenter(language: language)
        var analyzer = TermAnalyzer(language: language)
        var paragraphs: [Paragraph] = []
        paragraphs.reserveCapacity(paragraphRanges.count)
        var sentences: [Sentence] = []
        // News sentences run to about 130 bytes.
        sentences.reserveCapacity(bytes.count / 100 + 8)
        var tokens: [Token] = []
        // A token and the space after it take five bytes on average in English news, and fewer in many
        // texts: room for one every four bytes saves a copy of the tokens when they outgrow it.
        tokens.reserveCapacity(bytes.count / 4 + 8)
        // The string the sentences' slices share: the text as given when normalising changed nothing.
        let whole = normalized.isUnchanged ? text : normalized.string
        bytes.withUnsafeBufferPointer { p in
            var ranges: [Range<Int>] = []
            ranges.reserveCapacity(sentences.capacity)
            for range in paragraphRanges {
                ranges.removeAll(keepingCapacity: true)
                segmenter.split(p, range, into: &ranges)
                let first = sentences.count
                for sentenceRange in ranges {
                    let tokenStart = tokens.count
                    analyzer.tokenize(p, sentenceRange, normalized: normalized, into: &tokens)
                    sentences.append(
                        Sentence(
                            index: sentences.count, paragraph: paragraphs.count,
                            range: normalized.originalRange(sentenceRange),
                            normalized: whole, textRange: sentenceRange, tokens: tokenStart..<tokens.count))
                }
                if sentences.count > first {
                    paragraphs.append(
                        Paragraph(range: normalized.originalRange(range), sentences: first..<sentences.count))
                }
            }
        }

        var titleText = title
        var titleRange: Range<Int>?
        if let titleLine {
            let range = Self.trimmed(bytes, lines[titleLine])
            titleText = normalized.string(range)
            titleRange = normalized.originalRange(range)
        }
        var titleTokens: [Token] = []
        if let titleText, !titleText.isEmpty {
            let titleBytes = NormalizedText(titleText).bytes
            titleBytes.withUnsafeBufferPointer { p in
                analyzer.tokenize(p, 0..<titleBytes.count, normalized: nil, into: &titleTokens)
            }
        }

        self.text = text
        self.title = titleText
        self.titleRange = titleRange
        self.language = language
        self.paragraphs = paragraphs
        self.sentences = sentences
        self.tokens = tokens
        self.droppedLines = dropped
        let stems = analyzer.finish()
        self.termCount = stems.count
        self.stemIDs = stems
        self.unknownStemBytes = analyzer.unknownStemBytes
        self.unknownStemEnds = analyzer.unknownStemEnds
        self.titleTerms = Array(Set(titleTokens.filter(\.isContent).map(\.term))).sorted()
    }

    private static func trimmed(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
        var a = range.lowerBound
        var b = range.upperBound
        while a < b && SentenceSegmenter.isSpaceByte(bytes[a]) { a += 1 }
        while b > a && SentenceSegmenter.isSpaceByte(bytes[b - 1]) { b -= 1 }
        return a..<b
    }

    /// The stem of a term id.
    public func stem(of term: Int32) -> String {
        let index = Int(term)
        guard index >= 0 && index < stemIDs.count else { return "" }
        let id = stemIDs[index]
        if id >= 0 {
            var bytes: [UInt8] = []
            language.lexicon.appendStem(id, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        let k = Int(-id - 1)
        let start = k == 0 ? 0 : Int(unknownStemEnds[k - 1])
        return String(decoding: unknownStemBytes[start..<Int(unknownStemEnds[k])], as: UTF8.self)
    }

    /// Every stem, by term id; built on each call.
    public var vocabulary: [String] { (0..<termCount).map { stem(of: Int32($0)) } }

    /// The tokens of a sentence.
    public func tokens(of sentence: Sentence) -> ArraySlice<Token> { tokens[sentence.tokens] }

    /// The text of a token as it appears in the input (after normalisation).
    public func surface(_ token: Token) -> String {
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: token.range.lowerBound)
        let end = utf8.index(start, offsetBy: token.range.count)
        return String(text[start..<end]).filter { $0 != "\u{AD}" && $0 != "\u{200B}" }
    }
}

/// A run of non-blank lines.
public struct Paragraph: Sendable, Hashable {
    /// UTF-8 byte range in the original text.
    public let range: Range<Int>
    /// Indices of its sentences in ``Document/sentences``.
    public let sentences: Range<Int>
}

public struct Sentence: Sendable, Hashable {
    /// Position in the document, from 0.
    public let index: Int
    /// Index of the paragraph that holds it.
    public let paragraph: Int
    /// UTF-8 byte range in the original text.
    public let range: Range<Int>
    /// The sentence's text, normalised (plain spaces, no soft hyphens, NFC).
    public var text: String { withUTF8 { String(decoding: $0, as: UTF8.self) } }
    /// The document's normalised text, which all its sentences share, and the UTF-8 offsets of this one's
    /// text in it, so that a sentence costs no string of its own until its text is asked for, and no
    /// string index is computed for it.
    let normalized: String
    let textRange: Range<Int>
    /// Indices of its tokens in ``Document/tokens``.
    public let tokens: Range<Int>

    /// Calls `body` with the UTF-8 bytes of ``text``. Sentence ranges start and end on scalar boundaries;
    /// a range that did not would read as replacement characters in ``text``.
    func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var normalized = normalized
        return normalized.withUTF8 { body(UnsafeBufferPointer(rebasing: $0[textRange])) }
    }

    /// Sentences are equal when their places and their texts are, whatever text surrounds them.
    public static func == (a: Sentence, b: Sentence) -> Bool {
        a.index == b.index && a.paragraph == b.paragraph && a.range == b.range && a.tokens == b.tokens
            && a.withUTF8 { x in b.withUTF8 { y in x.elementsEqual(y) } }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(index)
        hasher.combine(paragraph)
        hasher.combine(range)
        hasher.combine(tokens)
        withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// A word or number.
public struct Token: Sendable, Hashable {
    /// UTF-8 byte range in the original text.
    public let range: Range<Int>
    /// Id of the token's stem: ``Document/stem(of:)``.
    public let term: Int32
    /// Whether the token is a stopword.
    public let isStopword: Bool
    /// Whether the token has a letter.
    public let hasLetter: Bool
    /// Whether the token starts with an uppercase or titlecase letter.
    public let startsUppercase: Bool

    /// Whether the token counts as content for ranking: a word with a letter that is not a stopword.
    public var isContent: Bool { hasLetter && !isStopword }

    /// ``isContent`` as 1 or 0, computed without the branch that `&&` makes, for loops that count
    /// content words in text where they come in no predictable order.
    @inline(__always)
    var contentBit: Int { (hasLetter ? 1 : 0) & (isStopword ? 0 : 1) }
}
