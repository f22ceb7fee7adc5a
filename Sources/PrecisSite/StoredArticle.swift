import Foundation
import PrecisHTML

/// An article to store: what the importer extracted or was given.
public struct ArticleDraft: Sendable, Equatable {
    public var title: String
    public var url: String?
    public var byline: String?
    /// Publication time, when the source gives one.
    public var published: Date?
    public var language: String?
    public var site: String?
    public var description: String?
    public var blocks: [Article.Block]

    public init(
        title: String, url: String? = nil, byline: String? = nil, published: Date? = nil, language: String? = nil,
        site: String? = nil, description: String? = nil, blocks: [Article.Block]
    ) {
        self.title = title
        self.url = url
        self.byline = byline
        self.published = published
        self.language = language
        self.site = site
        self.description = description
        self.blocks = blocks
    }

    /// Checks what every stored article must have: a title and some body text.
    public func validate() throws {
        guard !title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw SiteError(.invalidInput, "an article needs a title")
        }
        guard blocks.contains(where: { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) else {
            throw SiteError(.invalidInput, "an article needs body text")
        }
    }

    /// SHA-256 of the title and the blocks (kind and text), in hex: equal for the same content, and the
    /// key under which summaries of it are cached.
    public var contentHash: String {
        var bytes: [UInt8] = Array(title.utf8)
        for block in blocks {
            bytes.append(0x1E)
            bytes.append(contentsOf: block.kind.rawValue.utf8)
            bytes.append(0x1F)
            bytes.append(contentsOf: block.text.utf8)
        }
        return SHA256.hex(bytes)
    }
}

/// An article as the store holds it.
public struct StoredArticle: Sendable, Equatable, Identifiable {
    public var id: Int64
    /// Unique, made from the title: `night-trains-return`, `nochnye-poezda-vozvrashchayutsya`.
    public var slug: String
    public var draft: ArticleDraft
    public var contentHash: String
    public var importedAt: Date

    public init(id: Int64, slug: String, draft: ArticleDraft, contentHash: String, importedAt: Date) {
        self.id = id
        self.slug = slug
        self.draft = draft
        self.contentHash = contentHash
        self.importedAt = importedAt
    }

    /// The date articles are ordered by: publication, or import when the source gave none.
    public var date: Date { draft.published ?? importedAt }

    /// The body as the summarizer reads it: blocks separated by blank lines.
    public var bodyText: String { draft.blocks.map(\.text).joined(separator: "\n\n") }
}

/// A title and slug, for links to neighbouring articles.
public struct ArticleLink: Sendable, Equatable {
    public var slug: String
    public var title: String

    public init(slug: String, title: String) {
        self.slug = slug
        self.title = title
    }
}

/// One page of articles, newest first, and the cursor of the next page when there is one.
public struct ArticlePage: Sendable, Equatable {
    public var articles: [StoredArticle]
    public var nextCursor: String?

    public init(articles: [StoredArticle], nextCursor: String?) {
        self.articles = articles
        self.nextCursor = nextCursor
    }
}

/// What saving a draft did.
public enum SaveOutcome: Sendable, Equatable {
    case imported(StoredArticle)
    case updated(StoredArticle)
    case unchanged(StoredArticle)

    public var article: StoredArticle {
        switch self {
        case .imported(let article), .updated(let article), .unchanged(let article): article
        }
    }
}

/// Which summary of an article's content: its hash, the method and the length.
public struct SummaryKey: Sendable, Hashable {
    public var contentHash: String
    public var method: String
    /// The length as written in requests: `sentences=3`, `words=60`, `ratio=0.2`.
    public var length: String

    public init(contentHash: String, method: String, length: String) {
        self.contentHash = contentHash
        self.method = method
        self.length = length
    }
}
