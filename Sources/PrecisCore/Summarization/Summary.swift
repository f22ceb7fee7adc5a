/// A summary: the chosen sentences in document order, keywords, and counts with reading times.
///
/// Its JSON form is the schema of `precis summarize --format json` and of the site's API; it is
/// documented in `docs/summary.md`, and fields are only ever added to it.
public struct Summary: Sendable, Codable, Equatable {
    public struct Sentence: Sendable, Codable, Equatable {
        /// The sentence, normalised (plain spaces, no soft hyphens, NFC).
        public var text: String
        /// Its position among the document's sentences, from 0.
        public var index: Int
        /// UTF-8 byte offsets of the sentence in the input: `input.utf8[start..<end]`.
        public var start: Int
        public var end: Int
        /// The ranker's score; comparable within one summary only.
        public var score: Double
    }

    public struct Keyword: Sendable, Codable, Equatable {
        /// The word or phrase as it is written in the text.
        public var text: String
        public var score: Double
        /// How often it occurs.
        public var count: Int
    }

    public struct Counts: Sendable, Codable, Equatable {
        public var sentences: Int
        public var words: Int
        /// Reading time at ``Summarizer/wordsPerMinute`` words per minute, rounded up.
        public var readingTimeSeconds: Int
        /// The reading time in whole minutes, rounded, at least 1 when there are words.
        public var readingTimeMinutes: Int

        public init(sentences: Int, words: Int) {
            self.sentences = sentences
            self.words = words
            let wpm = Summarizer.wordsPerMinute
            self.readingTimeSeconds = (words * 60 + wpm - 1) / wpm
            self.readingTimeMinutes = words == 0 ? 0 : max(1, (words + wpm / 2) / wpm)
        }

        enum CodingKeys: String, CodingKey {
            case sentences, words
            case readingTimeSeconds = "reading_time_seconds"
            case readingTimeMinutes = "reading_time_minutes"
        }
    }

    public var method: String
    public var language: String
    public var title: String?
    public var sentences: [Sentence]
    public var keywords: [Keyword]
    public var stats: Stats

    /// Counts and reading times of the article and of the summary.
    public struct Stats: Sendable, Codable, Equatable {
        public var article: Counts
        public var summary: Counts
    }

    /// The summary's text: its sentences, one per line.
    public var text: String { sentences.map(\.text).joined(separator: "\n") }
}
