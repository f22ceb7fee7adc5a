import Foundation
import PrecisCore

/// Scores a sentence segmenter against gold sentences, the way sentence-boundary detection is usually
/// scored (Read et al. 2012): a boundary is the start of every sentence but the first, and predicted
/// boundaries are matched exactly against gold ones.
///
/// Each document is scored twice: flat, with the whole text given at once, and per paragraph, with
/// each gold paragraph (from `par_starts`) given on its own, so only the boundaries inside paragraphs
/// count. A document is right when every one of its boundaries is.
public struct SegmentationEvaluation: Sendable {
    /// One line of a segmentation data file: `{"id", "text", "sentences", "par_starts"}`, where `text`
    /// is the sentences joined by single spaces.
    public struct Example: Sendable, Decodable {
        public var id: String
        public var text: String
        public var sentences: [String]
        public var parStarts: [Int]?

        enum CodingKeys: String, CodingKey {
            case id, text, sentences
            case parStarts = "par_starts"
        }

        public init(id: String, text: String, sentences: [String], parStarts: [Int]? = nil) {
            self.id = id
            self.text = text
            self.sentences = sentences
            self.parStarts = parStarts
        }
    }

    /// Boundary counts and whole-document accuracy.
    public struct Score: Sendable, Codable, Equatable, MatchCounts {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0
        public var documents = 0
        public var correctDocuments = 0

        /// A text with no boundary to find, and none found, is segmented perfectly.
        public static let emptyRatio = 1.0
        public var accuracy: Double { documents == 0 ? 0 : Double(correctDocuments) / Double(documents) }

        mutating func add(gold: Set<Int>, predicted: Set<Int>) -> Bool {
            let hits = gold.intersection(predicted).count
            truePositives += hits
            falsePositives += predicted.count - hits
            falseNegatives += gold.count - hits
            return hits == gold.count && hits == predicted.count
        }
    }

    public struct Report: Sendable, Codable, Equatable {
        public var flat = Score()
        public var paragraphs = Score()
        /// Paragraphs whose segmentation differs from the gold one, with what went wrong.
        public var errors: [ErrorSample] = []
    }

    public struct ErrorSample: Sendable, Codable, Equatable {
        public var id: String
        /// Gold sentences that the segmenter split or merged, as the segmenter returned them.
        public var predicted: [String]
        public var gold: [String]
    }

    public let segmenter: SentenceSegmenter

    public init(language: Language = .english) {
        segmenter = SentenceSegmenter(language: language)
    }

    /// Reads a JSONL file of examples.
    public static func load(_ url: URL) throws -> [Example] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw EvaluationError("cannot read \(url.path): \(error.localizedDescription)")
        }
        var examples: [Example] = []
        let decoder = JSONDecoder()
        for (number, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() where !line.isEmpty {
            do { examples.append(try decoder.decode(Example.self, from: Data(line))) } catch {
                throw EvaluationError("\(url.path), line \(number + 1): not a segmentation example (\(error))")
            }
        }
        return examples
    }

    /// Scores the segmenter on `examples`, keeping up to `errorSamples` paragraphs segmented wrongly.
    public func evaluate(_ examples: [Example], errorSamples: Int = 0) -> Report {
        var report = Report()
        for example in examples {
            let predicted = starts(segmenter.sentences(in: example.text), in: example.text)
            let gold = starts(example.sentences, in: example.text)
            report.flat.documents += 1
            if report.flat.add(gold: gold, predicted: predicted) { report.flat.correctDocuments += 1 }

            var paragraphStarts = (example.parStarts ?? [0]).filter { $0 > 0 && $0 < example.sentences.count }
            paragraphStarts = [0] + paragraphStarts.sorted() + [example.sentences.count]
            var allRight = true
            for (lower, upper) in zip(paragraphStarts, paragraphStarts.dropFirst()) where lower < upper {
                let sentences = Array(example.sentences[lower..<upper])
                let text = sentences.joined(separator: " ")
                let predicted = segmenter.sentences(in: text)
                let right = report.paragraphs.add(
                    gold: starts(sentences, in: text), predicted: starts(predicted, in: text))
                if !right && report.errors.count < errorSamples {
                    report.errors.append(ErrorSample(id: example.id, predicted: predicted, gold: sentences))
                }
                allRight = allRight && right
            }
            report.paragraphs.documents += 1
            if allRight { report.paragraphs.correctDocuments += 1 }
        }
        return report
    }

    /// The UTF-8 offsets at which the sentences after the first start, found in order in `text`.
    func starts(_ sentences: [String], in text: String) -> Set<Int> {
        var result = Set<Int>()
        let haystack = Array(text.utf8)
        var from = 0
        for (index, sentence) in sentences.enumerated() {
            let needle = Array(sentence.utf8)
            guard let found = Self.find(needle, in: haystack, from: from) else { continue }
            if index > 0 { result.insert(found) }
            from = found + needle.count
        }
        return result
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        var i = from
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// Segmentation speed over the examples' texts, in bytes per second, timed over at least
    /// `seconds` of repeated runs on one thread.
    public func throughput(_ examples: [Example], seconds: Double = 1) -> Double {
        let texts = examples.map { NormalizedText($0.text).bytes }
        let bytes = texts.reduce(0) { $0 + $1.count }
        guard bytes > 0 else { return 0 }
        let clock = ContinuousClock()
        var rounds = 0
        var sentences = 0
        let start = clock.now
        var elapsed = Duration.zero
        repeat {
            for text in texts { sentences += segmenter.split(text, paragraph: 0..<text.count).count }
            rounds += 1
            elapsed = clock.now - start
        } while elapsed < .milliseconds(Int(seconds * 1000))
        let time = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return sentences > 0 ? Double(bytes * rounds) / time : 0
    }
}
