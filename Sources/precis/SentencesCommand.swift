import ArgumentParser
import Foundation
import PrecisCore

struct SentencesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentences",
        abstract: "Split a text into sentences: one per line, or JSON with byte ranges.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    struct Output: Encodable {
        struct Item: Encodable {
            var text: String
            var index: Int
            var paragraph: Int
            var start: Int
            var end: Int
            var words: Int
        }
        var language: String
        var title: String?
        var sentences: [Item]
    }

    func run() throws {
        try Self.reportingFailures {
            let document = try input.document()
            switch format {
            case .text:
                var out = ""
                for sentence in document.sentences {
                    out += SummarizeCommand.oneLine(sentence.text)
                    out += "\n"
                }
                FileHandle.standardOutput.write(Data(out.utf8))
            case .json:
                let items = document.sentences.map {
                    Output.Item(
                        text: $0.text, index: $0.index, paragraph: $0.paragraph, start: $0.range.lowerBound,
                        end: $0.range.upperBound, words: $0.tokens.count)
                }
                print(
                    try JSONOutput.pretty(
                        Output(language: document.language.code, title: document.title, sentences: items)))
            }
        }
    }
}

struct KeywordsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keywords",
        abstract: "List an article's keywords and key phrases, best first, as they are written in it.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var input: InputOptions

    @Option(help: "How many keywords.")
    var count = 10

    @Option(help: "Output format: text (one keyword per line) or json.")
    var format: Format = .text

    func validate() throws {
        if count < 1 { throw ValidationError("--count must be at least 1") }
    }

    func run() throws {
        try Self.reportingFailures {
            let document = try input.document()
            let summarizer = try Summarizer(
                configuration: Summarizer.Configuration(method: .lead, length: .sentences(1), keywordCount: count))
            let keywords = summarizer.summarize(document).keywords
            switch format {
            case .text:
                for keyword in keywords { print(keyword.text) }
            case .json:
                print(try JSONOutput.pretty(keywords))
            }
        }
    }
}
