import ArgumentParser
import Foundation
import PrecisCore
import PrecisEval

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure Precis on evaluation data.",
        subcommands: [
            EvalSummariesCommand.self, EvalExtractionCommand.self, EvalSentencesCommand.self, EvalFeaturesCommand.self,
        ])
}

struct EvalSentencesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentences",
        abstract: "Score sentence segmentation against gold sentences.",
        discussion: """
            DATA is JSONL with {"id", "text", "sentences", "par_starts"} per line, as \
            ../shared/data/sentences/ud_ewt_dev_en.jsonl. Prints boundary precision, recall and F1 and \
            whole-document accuracy, on the flat text and per paragraph, and the segmenter's speed.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The JSONL data file.", completion: .file())
    var data: String

    @Option(help: "The language whose rules to use.")
    var language = "en"

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "Print up to this many paragraphs segmented wrongly.")
    var errors = 0

    @Flag(help: "Skip the speed measurement.")
    var noSpeed = false

    struct Output: Encodable {
        var report: SegmentationEvaluation.Report
        var bytesPerSecond: Double?
    }

    func run() throws {
        let (language, examples) = try Self.reportingFailures {
            (try Language.named(self.language), try SegmentationEvaluation.load(URL(fileURLWithPath: data)))
        }
        let evaluation = SegmentationEvaluation(language: language)
        let report = evaluation.evaluate(examples, errorSamples: errors)
        let speed = noSpeed ? nil : evaluation.throughput(examples)
        switch format {
        case .json:
            print(try JSONOutput.pretty(Output(report: report, bytesPerSecond: speed)))
        case .text:
            print("\(examples.count) documents, \(examples.reduce(0) { $0 + $1.sentences.count }) gold sentences")
            print("mode        precision  recall     F1  doc-accuracy")
            for (name, score) in [("flat", report.flat), ("paragraph", report.paragraphs)] {
                print(
                    name.padding(toLength: 10, withPad: " ", startingAt: 0)
                        + String(
                            format: "%11.4f %7.4f %6.4f %13.4f", score.precision, score.recall, score.f1, score.accuracy
                        ))
            }
            if let speed { print(String(format: "speed: %.1f MB/s of text on one core", speed / 1e6)) }
            for sample in report.errors {
                print("\n# \(sample.id)")
                for line in sample.predicted { print("  got:  \(line)") }
                for line in sample.gold { print("  gold: \(line)") }
            }
        }
    }
}

extension SummaryEvaluation.References: ExpressibleByArgument {}

struct EvalSummariesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summaries",
        abstract: "Score summaries with ROUGE beside Lead-3, the data set's systems and an extractive oracle.",
        discussion: """
            DATA is JSONL with {"id", "article", "references": [...], "title"?, "system_outputs": {name: text}?} per \
            line. Each article is summarised with each --method; every summary, Lead-3, every system output and a \
            greedy oracle (3 sentences, on ROUGE-1 + ROUGE-2) are scored with ROUGE as rouge-score 0.1.2 scores them \
            (stemming on; sentences one per line for ROUGE-Lsum). Means are F1 × 100 with 95% bootstrap intervals.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The JSONL data file.", completion: .file())
    var data: String

    @Option(name: .customLong("method"), help: "A method to evaluate; repeat for several (default: news).")
    var methods: [Summarizer.Method] = []

    @Option(help: "Sentences per summary for the methods.")
    var sentences = 3

    @Option(help: "Score against the first reference or the best of all.")
    var references: SummaryEvaluation.References = .first

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "Also write a bar chart of the results as SVG to this file.", completion: .file())
    var svg: String?

    @Option(help: "Write every summary with its scores as JSONL to this file (for parity checks).", completion: .file())
    var details: String?

    @Option(help: "Evaluate only the first N articles.")
    var limit: Int?

    @Flag(help: "Score without the Porter stemmer.")
    var noStemming = false

    @Flag(help: "Leave out the oracle.")
    var noOracle = false

    @Option(help: "A JSON model for the news method in place of the built-in one (as scripts/train-news writes).")
    var newsModel: String?

    func validate() throws {
        if sentences < 1 { throw ValidationError("--sentences must be at least 1") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        var examples = try Self.reportingFailures { try SummaryEvaluation.load(URL(fileURLWithPath: data)) }
        if let limit { examples = Array(examples.prefix(limit)) }
        var configuration = SummaryEvaluation.Configuration()
        configuration.methods = methods.isEmpty ? [.news] : methods
        configuration.sentences = sentences
        configuration.references = references
        configuration.stemming = !noStemming
        configuration.includesOracle = !noOracle
        if let newsModel {
            configuration.newsModel = try Self.reportingFailures {
                let model: NewsRanker.Model
                do {
                    model = try JSONDecoder().decode(
                        NewsRanker.Model.self, from: Data(contentsOf: URL(fileURLWithPath: newsModel)))
                } catch {
                    throw CommandFailure("\(newsModel): not a news model (\(error))")
                }
                let features = NewsRanker.Feature.allCases.count
                let setFeatures = NewsRanker.setFeatureNames.count
                guard model.weights.count == features else {
                    throw CommandFailure(
                        "\(newsModel): \(model.weights.count) weights; the news ranker has \(features) features")
                }
                if let setWeights = model.setWeights, setWeights.count != setFeatures {
                    throw CommandFailure(
                        "\(newsModel): \(setWeights.count) set weights; sets have \(setFeatures) features")
                }
                return model
            }
        }
        let total = examples.count
        let progress = Terminal.stderrIsTerminal ? Progress() : nil
        let report = try SummaryEvaluation(configuration: configuration).evaluate(examples) { done in
            progress?.tick(done, of: total)
        }
        progress?.finish(total, failed: 0)

        if let details {
            var lines = Data()
            for row in report.details {
                lines.append(try JSONOutput.compact.encode(row))
                lines.append(0x0A)
            }
            try write(lines, to: details)
        }
        if let svg {
            try write(
                Data(ResultChart(report: report, title: URL(fileURLWithPath: data).lastPathComponent).svg.utf8), to: svg
            )
        }
        switch format {
        case .json:
            var summary = report
            summary.details = []
            print(try JSONOutput.pretty(summary))
        case .text:
            print(Self.table(report))
        }
    }

    private func write(_ data: Data, to path: String) throws {
        try Self.reportingFailures {
            do { try data.write(to: URL(fileURLWithPath: path)) } catch { throw CommandFailure("cannot write \(path)") }
        }
    }

    static func table(_ report: SummaryEvaluation.Report) -> String {
        var lines = [
            "\(report.articles) articles, F1 × 100 against \(report.references == .first ? "the first reference" : "the best reference"), 95% bootstrap intervals",
            "system                     ROUGE-1                ROUGE-2                ROUGE-Lsum",
        ]
        for system in report.systems {
            func cell(_ e: SummaryEvaluation.Estimate) -> String {
                String(format: "%6.2f [%5.2f, %5.2f]  ", e.mean, e.low, e.high)
            }
            let name = system.articles == report.articles ? system.system : "\(system.system) (\(system.articles))"
            lines.append(
                name.padding(toLength: 24, withPad: " ", startingAt: 0) + "  " + cell(system.rouge1)
                    + cell(system.rouge2) + cell(system.rougeLsum))
        }
        return lines.joined(separator: "\n")
    }
}

struct EvalFeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Write the news ranker's features of every sentence, labelled by the ROUGE oracle, as JSONL.",
        discussion: """
            For fitting the news model offline (scripts/train-news): one line per article, {"id", "sentences": \
            [{"features": [...], "oracle": true|false, "text"}], "sets": [{"sentences": [...], "features": [...]}]}, \
            sentence features in the order of the "names" of the line that comes first and the features of the sets \
            weighed for a three-sentence summary in the order of its "setNames"; that line's "model" is the \
            compiled-in news model, in the form --news-model reads.
            """)

    @Argument(help: "The JSONL data file, as for eval summaries.", completion: .file())
    var data: String

    /// The first line: the feature names, and the compiled-in model, which `--news-model` files start from.
    struct Header: Encodable {
        var names: [String]
        var setNames: [String]
        var model: NewsRanker.Model
    }

    func run() throws {
        let examples = try Self.reportingFailures { try SummaryEvaluation.load(URL(fileURLWithPath: data)) }
        let output = BufferedOutput()
        output.write(
            try JSONOutput.compact.encode(
                Header(
                    names: NewsRanker.Feature.allCases.map(\.name), setNames: NewsRanker.setFeatureNames,
                    model: NewsModel.weights)))
        for article in SummaryEvaluation().samples(examples) {
            output.write(try JSONOutput.compact.encode(article))
        }
        output.flush()
    }
}
