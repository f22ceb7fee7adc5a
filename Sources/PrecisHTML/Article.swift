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

    /// The title, a blank line, then the blocks separated by blank lines: the text form that
    /// `precis summarize` reads.
    public var plainText: String {
        var parts: [String] = []
        if let title, !title.isEmpty { parts.append(title) }
        parts.append(contentsOf: blocks.map(\.text))
        return parts.joined(separator: "\n\n")
    }
}
