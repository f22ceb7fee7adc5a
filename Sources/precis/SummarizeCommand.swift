import ArgumentParser
import Foundation
import PrecisCore

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown
}

extension Summarizer.Method: ExpressibleByArgument {}

struct LengthOptions: ParsableArguments {
    @Option(name: .customLong("sentences"), help: "Sentences in the summary (default 3).")
    var sentenceCount: Int?

    @Option(help: "The share of the article's sentences to keep, from 0 to 1 (for example 0.2).")
    var ratio: Double?

    @Option(help: "A word budget that the summary never exceeds (a first sentence longer than it is returned alone).")
    var words: Int?

    func validate() throws {
        let given = [sentenceCount != nil, ratio != nil, words != nil].filter { $0 }.count
        if given > 1 { throw ValidationError("give only one of --sentences, --ratio and --words") }
        try Summarizer.Configuration(length: length()).validate()
    }

    func length() throws -> Summarizer.Length {
        if let ratio { return .ratio(ratio) }
        if let words { return .words(words) }
        return .sentences(sentenceCount ?? 3)
    }
}

struct SummarizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize",
        abstract: "Summarise an article: its key sentences, verbatim and in document order.",
        discussion: """
            Text output is one summary sentence per line and nothing else. JSON output follows the schema in \
            docs/summary.md: sentences (text, index, byte start and end, score), keywords, language, and \
            counts with reading times.

            An HTML page (recognised by its markup, or forced with --html) is first reduced to its article as \
            `precis extract` does; the summary then points into the extracted body (its blocks separated by \
            blank lines) and the page's title is used in ranking.

            With --jsonl, each input line {"id", "article" or "html", "title"?} gives one output line {"id", \
            "summary": [sentences], ...}; a bad line gives {"id", "error": {"code", "message"}} and the run \
            goes on.
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var length: LengthOptions

    @Option(help: "The ranking method.")
    var method: Summarizer.Method = .news

    @Option(help: "Output format: text, json or markdown.")
    var format: OutputFormat = .text

    @Option(help: "The article's title, used in ranking (a copied page's headline is found without it).")
    var title: String?

    @Option(help: "Keywords to return in JSON and Markdown output.")
    var keywords = 10

    @Option(help: "Summarise a JSONL corpus (a file, or - for standard input) instead of one text.")
    var jsonl: String?

    @Flag(help: "With --jsonl, print throughput and per-article latency (median, p99, worst) on standard error.")
    var timings = false

    func validate() throws {
        if jsonl != nil && input.file != "-" { throw ValidationError("give either a FILE or --jsonl, not both") }
        if keywords < 0 { throw ValidationError("--keywords must not be negative") }
    }

    func run() throws {
        try Self.reportingFailures {
            let summarizer = try Summarizer(
                configuration: Summarizer.Configuration(
                    method: method, length: try length.length(), keywordCount: keywords))
            if let jsonl {
                try BatchSummarizer(
                    summarizer: summarizer, configuration: try input.documentConfiguration(), reportsTimings: timings
                ).run(path: jsonl)
                return
            }
            let document = try input.document(title: title)
            let summary = summarizer.summarize(document)
            switch format {
            case .text:
                for sentence in summary.sentences { print(Self.oneLine(sentence.text)) }
            case .json:
                print(try JSONOutput.pretty(summary))
            case .markdown:
                print(Self.markdown(summary))
            }
        }
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0 == "\n" }).joined(separator: " ")
    }

    static func markdown(_ summary: Summary) -> String {
        var lines: [String] = []
        if let title = summary.title { lines += ["# \(oneLine(title))", ""] }
        lines += summary.sentences.map { "- \(oneLine($0.text))" }
        if !summary.keywords.isEmpty {
            lines += ["", "**Keywords:** " + summary.keywords.map(\.text).joined(separator: ", ")]
        }
        let stats = summary.stats
        lines += [
            "",
            "*Summary: \(stats.summary.words) words, \(minutes(stats.summary.readingTimeSeconds)) to read; "
                + "article: \(stats.article.words) words, \(minutes(stats.article.readingTimeSeconds)).*",
        ]
        return lines.joined(separator: "\n")
    }

    private static func minutes(_ seconds: Int) -> String {
        seconds < 60 ? "\(seconds) s" : "\((seconds + 30) / 60) min"
    }
}

enum JSONOutput {
    static func pretty<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static let compact: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
