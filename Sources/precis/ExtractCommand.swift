import ArgumentParser
import Foundation
import PrecisHTML

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract the article from a saved HTML page: its title, metadata and body.",
        discussion: """
            Text output is the title, a blank line, then the body's blocks separated by blank lines, which \
            `precis summarize` reads as paragraphs. JSON output has title, byline, published, site, \
            language, description, image, url, paragraphs and blocks (each with its kind: paragraph, heading, \
            list_item, quote, caption, preformatted). A page without article text is an error (exit code 2).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The HTML page to read, or - for standard input.", completion: .file())
    var file: String = "-"

    @Option(help: "The URL the page came from, used when the page names no canonical URL.")
    var url: String?

    @Option(help: "The charset of the page (utf-8, windows-1251, ...), overriding what the page declares.")
    var charset: String?

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "The largest page accepted, in bytes.")
    var maxInputBytes = 16 << 20

    func validate() throws {
        if maxInputBytes < 1 { throw ValidationError("--max-input-bytes must be at least 1") }
        if let charset, Charset(label: charset) == nil {
            throw ValidationError("unknown charset '\(charset)'; try utf-8, windows-1251, windows-1252 or koi8-r")
        }
    }

    /// The article as JSON, with its blocks' texts also as `paragraphs`.
    struct Output: Encodable {
        var article: Article

        enum CodingKeys: String, CodingKey { case paragraphs }

        func encode(to encoder: Encoder) throws {
            try article.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(article.paragraphs, forKey: .paragraphs)
        }
    }

    func run() throws {
        try Self.reportingFailures {
            let bytes = try InputReader.readBytes(file, limit: maxInputBytes)
            let article = try ArticleExtractor(maximumPageBytes: maxInputBytes).extract(
                bytes, url: url, contentType: charset)
            switch format {
            case .text:
                FileHandle.standardOutput.write(Data((article.plainText + "\n").utf8))
            case .json:
                print(try JSONOutput.pretty(Output(article: article)))
            }
        }
    }
}
