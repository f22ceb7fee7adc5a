import Foundation
import PrecisHTML

/// Scores article extraction on a snippet-annotated page set shaped like trafilatura's evaluation
/// data: a `ground-truth.json` of `{id: {"with": [...], "without": [...], "lang": "..."}}` beside an
/// `html/` directory of `ID.html` or `ID.html.gz` pages.
///
/// A `with` snippet found in the extracted body counts as a true positive and a missing one as a
/// false negative; a `without` snippet found there is a false positive. Texts are compared with
/// whitespace collapsed, as trafilatura's evaluation does.
public struct ExtractionEvaluation: Sendable {
    public struct Counts: Sendable, Codable, Equatable, MatchCounts {
        public var truePositives = 0
        public var falseNegatives = 0
        public var falsePositives = 0
        public var pages = 0

        public static let emptyRatio = 0.0

        mutating func add(_ other: Counts) {
            truePositives += other.truePositives
            falseNegatives += other.falseNegatives
            falsePositives += other.falsePositives
            pages += other.pages
        }
    }

    public struct PageResult: Sendable, Codable {
        public var id: String
        public var language: String
        public var counts: Counts
        public var missed: [String]
        public var leaked: [String]
        public var error: String?
    }

    public struct Report: Sendable, Codable {
        public var overall: Counts
        public var byLanguage: [String: Counts]
        public var pages: [PageResult]
        public var failures: Int
        /// Seconds spent extracting (decoding, parsing and choosing the body), without reading files.
        public var extractionSeconds: Double
        public var bytes: Int
    }

    struct Entry: Decodable {
        var with: [String]?
        var without: [String]?
        var lang: String?
    }

    public let directory: String
    public var extractor = ArticleExtractor()

    public init(directory: String) {
        self.directory = directory
    }

    /// Scores every annotated page (or the first `limit`), calling `progress` after each.
    public func run(limit: Int? = nil, progress: (Int, Int) -> Void = { _, _ in }) throws -> Report {
        let truthPath = (directory as NSString).appendingPathComponent("ground-truth.json")
        guard let data = FileManager.default.contents(atPath: truthPath) else {
            throw EvaluationError("\(truthPath): not found; give the directory that holds ground-truth.json and html/")
        }
        let truth: [String: Entry]
        do { truth = try JSONDecoder().decode([String: Entry].self, from: data) } catch {
            throw EvaluationError("\(truthPath): not a ground-truth file (\(error.localizedDescription))")
        }
        var ids = truth.keys.sorted()
        if let limit { ids = Array(ids.prefix(limit)) }
        var report = Report(overall: Counts(), byLanguage: [:], pages: [], failures: 0, extractionSeconds: 0, bytes: 0)
        let clock = ContinuousClock()
        for (number, id) in ids.enumerated() {
            guard let entry = truth[id] else { continue }
            let bytes = try page(id)
            report.bytes += bytes.count
            var text = ""
            var failure: String?
            let elapsed = clock.measure {
                do {
                    let article = try extractor.extract(bytes)
                    text = article.blocks.map(\.text).joined(separator: "\n")
                } catch {
                    failure = String(describing: error)
                }
            }
            report.extractionSeconds +=
                Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds)
            if failure != nil { report.failures += 1 }
            let body = Self.normalized(text)
            var counts = Counts(pages: 1)
            var missed: [String] = []
            var leaked: [String] = []
            for snippet in entry.with ?? [] {
                if body.contains(Self.normalized(snippet)) {
                    counts.truePositives += 1
                } else {
                    counts.falseNegatives += 1
                    missed.append(snippet)
                }
            }
            for snippet in entry.without ?? [] where body.contains(Self.normalized(snippet)) {
                counts.falsePositives += 1
                leaked.append(snippet)
            }
            let language = entry.lang ?? "und"
            report.overall.add(counts)
            report.byLanguage[language, default: Counts()].add(counts)
            report.pages.append(
                PageResult(id: id, language: language, counts: counts, missed: missed, leaked: leaked, error: failure))
            progress(number + 1, ids.count)
        }
        return report
    }

    private func page(_ id: String) throws -> [UInt8] {
        let base = ((directory as NSString).appendingPathComponent("html") as NSString).appendingPathComponent(id)
        if let data = FileManager.default.contents(atPath: base + ".html") { return [UInt8](data) }
        if let data = FileManager.default.contents(atPath: base + ".html.gz") {
            return try Gzip.decompress([UInt8](data))
        }
        throw EvaluationError("\(base).html(.gz): not found")
    }

    /// Whitespace collapsed to single spaces and trimmed.
    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
