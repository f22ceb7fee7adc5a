import ArgumentParser
import Foundation
import PrecisCore
import PrecisEval

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure Precis on evaluation data.",
        subcommands: [EvalSentencesCommand.self])
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
        let language: Language
        let examples: [SegmentationEvaluation.Example]
        do {
            language = try Language.named(self.language)
            examples = try SegmentationEvaluation.load(URL(fileURLWithPath: data))
        } catch let error as EvaluationError {
            Terminal.error(error.message)
            throw ExitCode(2)
        } catch let error as PrecisError {
            Terminal.error(error.message)
            throw ExitCode(2)
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
