import Foundation
import PrecisCore

/// Summarises each article of a data set with each method and scores every summary with ROUGE against
/// the references, beside Lead-3, the systems whose outputs the data set carries, and an extractive
/// oracle; means come with 95% bootstrap confidence intervals.
public struct SummaryEvaluation: Sendable {
    /// One line of a summary data file.
    public struct Example: Sendable, Decodable {
        public var id: String
        public var article: String
        public var references: [String]
        public var title: String?
        public var systemOutputs: [String: String]

        enum CodingKeys: String, CodingKey {
            case id, article, references, title
            case systemOutputs = "system_outputs"
        }

        public init(
            id: String, article: String, references: [String], title: String? = nil,
            systemOutputs: [String: String] = [:]
        ) {
            self.id = id
            self.article = article
            self.references = references
            self.title = title
            self.systemOutputs = systemOutputs
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let text = try? container.decode(String.self, forKey: .id) {
                id = text
            } else {
                id = String(try container.decode(Int.self, forKey: .id))
            }
            article = try container.decode(String.self, forKey: .article)
            references = try container.decode([String].self, forKey: .references)
            title = try container.decodeIfPresent(String.self, forKey: .title)
            let outputs = try container.decodeIfPresent([String: String?].self, forKey: .systemOutputs) ?? [:]
            systemOutputs = outputs.mapValues { $0 ?? "" }
        }
    }

    public enum References: String, Sendable, CaseIterable, Codable {
        /// The first reference only, as the published CNN/DailyMail numbers use.
        case first
        /// The best-scoring of all references, per measure.
        case all
    }

    public struct Configuration: Sendable {
        public var methods: [Summarizer.Method] = [.news]
        public var sentences = 3
        public var references: References = .first
        public var stemming = true
        public var includesSystemOutputs = true
        public var includesOracle = true
        public var bootstrapSamples = 1000
        public var seed: UInt64 = 2004
        /// A model for the `news` method in place of the committed one (for fitting and cross-validation).
        public var newsModel: NewsRanker.Model?

        public init() {}
    }

    /// The scores of one summary of one article.
    public struct ArticleScore: Sendable, Codable {
        public var id: String
        public var system: String
        public var candidate: String
        public var references: [String]
        public var scores: Rouge.Scores
    }

    /// A mean F1 × 100 with its 95% bootstrap confidence interval.
    public struct Estimate: Sendable, Codable, Equatable {
        public var mean: Double
        public var low: Double
        public var high: Double
    }

    public struct SystemSummary: Sendable, Codable {
        public var system: String
        public var articles: Int
        public var rouge1: Estimate
        public var rouge2: Estimate
        public var rougeL: Estimate
        public var rougeLsum: Estimate
    }

    public struct Report: Sendable, Codable {
        public var articles: Int
        public var references: References
        public var systems: [SystemSummary]
        /// Every summary and its scores, for parity checks against rouge-score.
        public var details: [ArticleScore]
    }

    public let configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Reads a JSONL data file.
    public static func load(_ url: URL) throws -> [Example] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw EvaluationError("cannot read \(url.path): \(error.localizedDescription)")
        }
        let decoder = JSONDecoder()
        var examples: [Example] = []
        for (number, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() where !line.isEmpty {
            do { examples.append(try decoder.decode(Example.self, from: Data(line))) } catch {
                throw EvaluationError(
                    "\(url.path), line \(number + 1): expected {\"id\", \"article\", \"references\": [...]} (\(error))")
            }
        }
        return examples
    }

    /// Summarises and scores every example. `progress` is called after each article.
    public func evaluate(_ examples: [Example], progress: ((Int) -> Void)? = nil) throws -> Report {
        let rouge = Rouge(stemming: configuration.stemming)
        var summarizers: [(String, Summarizer)] = []
        for method in configuration.methods {
            let options = Summarizer.Configuration(
                method: method, length: .sentences(configuration.sentences), keywordCount: 0)
            let ranker: any SentenceRanker =
                method == .news ? NewsRanker(model: configuration.newsModel ?? NewsModel.weights) : method.ranker
            summarizers.append((method.rawValue, try Summarizer(configuration: options, ranker: ranker)))
        }
        let lead3 = try Summarizer(configuration: .init(method: .lead, length: .sentences(3), keywordCount: 0))
        var names = summarizers.map(\.0) + ["lead-3"]
        var details: [ArticleScore] = []

        for (number, example) in examples.enumerated() {
            let references =
                configuration.references == .first ? Array(example.references.prefix(1)) : example.references
            let document = try? Document(example.article, title: example.title)
            func add(_ system: String, _ candidate: String) {
                details.append(
                    ArticleScore(
                        id: example.id, system: system, candidate: candidate, references: references,
                        scores: rouge.score(references: references, candidate: candidate)))
            }
            for (name, summarizer) in summarizers {
                add(name, document.map { summarizer.summarize($0).text } ?? "")
            }
            add("lead-3", document.map { lead3.summarize($0).text } ?? "")
            if configuration.includesSystemOutputs {
                for (system, output) in example.systemOutputs.sorted(by: { $0.key < $1.key }) {
                    if !names.contains(system) { names.append(system) }
                    add(system, output)
                }
            }
            if configuration.includesOracle, let document {
                add("oracle", Oracle(rouge: rouge).summary(document, references: references, sentences: 3))
            }
            progress?(number + 1)
        }
        if configuration.includesOracle { names.append("oracle") }

        var systems: [SystemSummary] = []
        // The same resamples for every system scored on all articles, so their intervals are paired.
        func resamples(_ count: Int) -> [[Int]] {
            var random = SplitMix64(seed: configuration.seed &+ UInt64(count))
            return (0..<configuration.bootstrapSamples).map { _ in
                (0..<count).map { _ in Int(random.next() % UInt64(max(count, 1))) }
            }
        }
        let shared = resamples(examples.count)
        for name in names {
            let rows = details.filter { $0.system == name }
            guard !rows.isEmpty else { continue }
            let own = rows.count == examples.count ? shared : resamples(rows.count)
            func estimate(_ value: (Rouge.Scores) -> Double) -> Estimate {
                Self.bootstrap(rows.map { value($0.scores) * 100 }, resamples: own)
            }
            systems.append(
                SystemSummary(
                    system: name, articles: rows.count, rouge1: estimate(\.rouge1.f1), rouge2: estimate(\.rouge2.f1),
                    rougeL: estimate(\.rougeL.f1), rougeLsum: estimate(\.rougeLsum.f1)))
        }
        return Report(
            articles: examples.count, references: configuration.references, systems: systems, details: details)
    }

    /// The mean and the 2.5th and 97.5th percentiles of the means of the resamples (Efron 1979).
    static func bootstrap(_ values: [Double], resamples: [[Int]]) -> Estimate {
        let mean = values.reduce(0, +) / Double(max(values.count, 1))
        guard !resamples.isEmpty else { return Estimate(mean: mean, low: mean, high: mean) }
        let means = resamples.map { indices in indices.reduce(0.0) { $0 + values[$1] } / Double(indices.count) }
            .sorted()
        func percentile(_ p: Double) -> Double {
            let position = p * Double(means.count - 1)
            let lower = Int(position.rounded(.down))
            let upper = min(lower + 1, means.count - 1)
            return means[lower] + (means[upper] - means[lower]) * (position - Double(lower))
        }
        return Estimate(mean: mean, low: percentile(0.025), high: percentile(0.975))
    }
}

extension SummaryEvaluation {
    /// One sentence's ``NewsRanker`` features and whether the greedy oracle chose it.
    public struct SentenceSample: Sendable, Codable {
        public var features: [Double]
        public var oracle: Bool
        /// The sentence as written, for scoring other selections offline.
        public var text: String
    }

    /// One set of sentences that ``NewsRanker`` weighs as a whole, and its features.
    public struct SetSample: Sendable, Codable {
        /// The sentences' indices, in document order.
        public var sentences: [Int]
        public var features: [Double]
    }

    /// One article's samples, for fitting ``NewsRanker``'s model offline.
    public struct ArticleSamples: Sendable, Codable {
        public var id: String
        public var sentences: [SentenceSample]
        /// The sets weighed for a summary of three sentences.
        public var sets: [SetSample]
    }

    /// The features of every sentence of every example, labelled by the greedy oracle (3 sentences,
    /// first reference).
    public func samples(_ examples: [Example]) -> [ArticleSamples] {
        let oracle = Oracle(rouge: Rouge(stemming: configuration.stemming))
        return examples.compactMap { example in
            guard let document = try? Document(example.article, title: example.title) else { return nil }
            let chosen = Set(oracle.indices(document, references: Array(example.references.prefix(1)), sentences: 3))
            let features = NewsRanker.features(for: document)
            return ArticleSamples(
                id: example.id,
                sentences: features.enumerated().map {
                    SentenceSample(
                        features: $0.element, oracle: chosen.contains($0.offset),
                        text: document.sentences[$0.offset].text)
                },
                sets: NewsRanker.setFeatures(for: document, count: 3).map {
                    SetSample(sentences: $0.sentences, features: $0.features)
                })
        }
    }
}

/// The greedy extractive oracle (Nallapati et al. 2017, "SummaRuNNer", AAAI): add the sentence that
/// most raises ROUGE-1 F1 + ROUGE-2 F1 against the references, until no sentence raises it or the
/// limit is reached; the chosen sentences are returned in document order, one per line.
///
/// - Complexity: O(k · n) ROUGE evaluations for n sentences and a limit of k.
struct Oracle {
    let rouge: Rouge

    func summary(_ document: Document, references: [String], sentences limit: Int) -> String {
        indices(document, references: references, sentences: limit).map { document.sentences[$0].text }
            .joined(separator: "\n")
    }

    /// The chosen sentences' indices, in document order.
    func indices(_ document: Document, references: [String], sentences limit: Int) -> [Int] {
        let texts = document.sentences.map(\.text)
        var cache: [String: String] = [:]
        let prepared = references.map { Rouge.Prepared($0, rouge, &cache) }
        let sentences = texts.map { Rouge.Prepared($0, rouge, &cache).tokens }
        var chosen: [Int] = []
        var best = 0.0
        while chosen.count < limit {
            var bestIndex: Int?
            for index in sentences.indices where !chosen.contains(index) && !sentences[index].isEmpty {
                let trial = (chosen + [index]).sorted()
                let tokens = trial.flatMap { sentences[$0] }
                let gain =
                    prepared.map { reference in
                        Rouge.ngrams(reference.tokens, tokens, n: 1).f1
                            + Rouge.ngrams(reference.tokens, tokens, n: 2).f1
                    }.max() ?? 0
                if gain > best {
                    best = gain
                    bestIndex = index
                }
            }
            guard let bestIndex else { break }
            chosen.append(bestIndex)
        }
        return chosen.sorted()
    }
}

/// A small, fast, seedable generator (Steele, Lea and Flood 2014, "Fast splittable pseudorandom number
/// generators"), so bootstrap intervals are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
