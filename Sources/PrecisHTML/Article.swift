/// An article as extracted from a page: its metadata and its body as blocks in reading order.
public struct Article: Sendable, Equatable, Codable {
    /// A block of the body.
    public struct Block: Sendable, Equatable, Codable {
        public enum Kind: String, Sendable, Codable, CaseIterable {
            case paragraph, heading, listItem = "list_item", quote, caption, preformatted
        }

        public var kind: Kind
        public var text: String

        public init(_ kind: Kind, _ text: String) {
            self.kind = kind
            self.text = text
        }
    }

    public var title: String?
    public var byline: String?
    /// The publication date as ISO 8601 (a date, or a date and time as the page gives it).
    public var published: String?
    public var site: String?
    /// The page's language tag (`en`, `ru`, `de-AT`), as declared.
    public var language: String?
    public var description: String?
    public var image: String?
    /// The canonical URL, or the URL the page was fetched from.
    public var url: String?
    public var blocks: [Block]

    public init(
        title: String? = nil, byline: String? = nil, published: String? = nil, site: String? = nil,
        language: String? = nil, description: String? = nil, image: String? = nil, url: String? = nil,
        blocks: [Block] = []
    ) {
        self.title = title
        self.byline = byline
        self.published = published
        self.site = site
        self.language = language
        self.description = description
        self.image = image
        self.url = url
        self.blocks = blocks
    }

    /// The body's paragraphs, one string per block.
    public var paragraphs: [String] { blocks.map(\.text) }

    /// The blocks separated by blank lines: the text that summaries of a page point into.
    public var bodyText: String { blocks.map(\.text).joined(separator: "\n\n") }

    /// Whether bytes look like an HTML page rather than plain text: after optional whitespace and a
    /// byte-order mark, they open with a tag, and a doctype or an `html`, `head`, `body`, `p`, `div` or
    /// `article` tag shows up early on.
    public static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D) {
            i += 1
        }
        guard i < bytes.count, bytes[i] == 0x3C else { return false }
        let head = String(decoding: bytes[i..<min(bytes.count, i + 2048)], as: UTF8.self).lowercased()
        return ["<!doctype html", "<html", "<head", "<body", "<p>", "<p ", "<div", "<article", "<meta"].contains {
            head.contains($0)
        }
    }

    /// The title, a blank line, then the blocks separated by blank lines: the text form that
    /// `precis summarize` reads.
    public var plainText: String {
        var parts: [String] = []
        if let title, !title.isEmpty { parts.append(title) }
        parts.append(contentsOf: blocks.map(\.text))
        return parts.joined(separator: "\n\n")
    }
}
