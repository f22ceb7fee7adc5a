import Foundation
import PrecisHTML

/// Turns what users import into ``ArticleDraft``s: saved pages (through the article extractor) and
/// JSON lines.
public struct DraftReader: Sendable {
    public var extractor = ArticleExtractor()

    public init() {}

    /// A draft from a page's bytes.
    /// - Throws: ``HTMLError`` when the page holds no article; ``SiteError`` when it has no title.
    public func draft(page bytes: [UInt8], url: String? = nil, contentType: String? = nil) throws -> ArticleDraft {
        draft(from: try extractor.extract(bytes, url: url, contentType: contentType), fallbackURL: url)
    }

    /// A draft from an extracted article.
    public func draft(from article: Article, fallbackURL: String?) -> ArticleDraft {
        ArticleDraft(
            title: article.title ?? article.blocks.first?.text ?? "", url: article.url ?? fallbackURL,
            byline: article.byline, published: article.published.flatMap(Dates.iso8601), language: article.language,
            site: article.site, description: article.description, blocks: article.blocks)
    }

    /// One JSON line: `{"title", "article" or "html", "url"?, "published"?, "byline"?}`.
    public struct Line: Decodable, Sendable {
        public var title: String?
        public var article: String?
        public var html: String?
        public var url: String?
        public var published: String?
        public var byline: String?
        public var language: String?
    }

    /// A draft from one JSON line; plain text is split into paragraphs at blank lines.
    public func draft(line: Line) throws -> ArticleDraft {
        var draft: ArticleDraft
        if let text = line.article {
            let paragraphs = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
                .map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }.filter { !$0.isEmpty }
            draft = ArticleDraft(
                title: line.title ?? "", url: line.url, byline: line.byline, language: line.language,
                blocks: paragraphs.map { Article.Block(.paragraph, $0) })
        } else if let html = line.html {
            draft = self.draft(from: try extractor.extract(html: html, url: line.url), fallbackURL: line.url)
            if let title = line.title { draft.title = title }
            if let byline = line.byline { draft.byline = byline }
        } else {
            throw SiteError(.invalidInput, "the line has neither \"article\" nor \"html\"")
        }
        if let published = line.published {
            guard let date = Dates.parse(published) else {
                throw SiteError(.invalidInput, "\"published\" is not an ISO 8601 or RFC 822 date: \(published)")
            }
            draft.published = date
        }
        try draft.validate()
        return draft
    }

    /// A draft from a feed entry that carries its full text as HTML; the entry's title, link, date and
    /// author win over what the text says.
    public func draft(entry: FeedReader.Entry) throws -> ArticleDraft {
        guard let content = entry.content else {
            throw SiteError(.invalidInput, "the entry carries no full text; its link must be fetched")
        }
        let page = "<html><body><article>\(content)</article></body></html>"
        var draft = draft(from: try extractor.extract(html: page, url: entry.link), fallbackURL: entry.link)
        if let link = entry.link { draft.url = link }
        if let title = entry.title { draft.title = title }
        if let published = entry.published { draft.published = published }
        if let author = entry.author { draft.byline = author }
        try draft.validate()
        return draft
    }
}
