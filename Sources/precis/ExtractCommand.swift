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

    struct Output: Encodable {
        var title: String?
        var byline: String?
        var published: String?
        var site: String?
        var language: String?
        var description: String?
        var image: String?
        var url: String?
        var paragraphs: [String]
        var blocks: [Article.Block]

        init(_ article: Article) {
            title = article.title
            byline = article.byline
            published = article.published
            site = article.site
            language = article.language
            description = article.description
            image = article.image
            url = article.url
            paragraphs = article.paragraphs
            blocks = article.blocks
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
                print(try JSONOutput.pretty(Output(article)))
            }
        }
    }
}
