import Foundation
import Hummingbird
import Mustache
import PrecisCore
import PrecisHTML
import PrecisSite

/// Renders the site's pages from ``Templates``; every value is escaped by Mustache.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    init() throws {
        library = try Templates.library()
    }

    func render(_ template: String, _ values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let html = library.render(values, withTemplate: template) ?? ""
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The values an article's title line shows.
    static func header(_ article: StoredArticle) -> [String: Any] {
        let words = ArticleJSON.wordCount(article.draft.blocks)
        var values: [String: Any] = [
            "slug": article.slug, "title": article.draft.title, "pageTitle": article.draft.title,
            "language": article.draft.language ?? "en",
            "minutes": max(1, (words + Summarizer.wordsPerMinute / 2) / Summarizer.wordsPerMinute),
        ]
        if let byline = article.draft.byline { values["byline"] = byline }
        if let published = article.draft.published {
            values["date"] = Self.displayDate(published)
            values["iso"] = ArticleJSON.iso8601(published)
        }
        return values
    }

    static func displayDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "d MMMM yyyy"
        return formatter.string(from: date)
    }

    /// The body's blocks with their UTF-8 ranges in ``StoredArticle/bodyText`` (where summary offsets
    /// point), consecutive list items grouped into one list.
    static func blocks(_ article: StoredArticle) -> [[String: Any]] {
        var result: [[String: Any]] = []
        var offset = 0
        for (index, block) in article.draft.blocks.enumerated() {
            let length = block.text.utf8.count
            let item: [String: Any] = ["index": index, "text": block.text, "start": offset, "end": offset + length]
            offset += length + 2
            if block.kind == .listItem {
                if var last = result.last, var items = last["list"] as? [String: Any],
                    var entries = items["items"] as? [[String: Any]]
                {
                    entries.append(item)
                    items["items"] = entries
                    last["list"] = items
                    result[result.count - 1] = last
                } else {
                    result.append(["list": ["items": [item]]])
                }
                continue
            }
            let key: String
            switch block.kind {
            case .heading: key = "heading"
            case .quote: key = "quote"
            case .caption: key = "caption"
            case .preformatted: key = "preformatted"
            case .paragraph, .listItem: key = "paragraph"
            }
            result.append([key: item])
        }
        return result
    }

    /// The index of the block that holds UTF-8 offset `start` of the body text.
    static func block(containing start: Int, in article: StoredArticle) -> Int {
        var offset = 0
        for (index, block) in article.draft.blocks.enumerated() {
            let end = offset + block.text.utf8.count
            if start < end + 2 { return index }
            offset = end + 2
        }
        return max(0, article.draft.blocks.count - 1)
    }

    /// A string as a JavaScript string literal that is safe inside a `<script>` element.
    static func javaScriptString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "<", ">", "&", "'", "\u{2028}", "\u{2029}":
                out += String(format: "\\u%04x", scalar.value)
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension SiteServer {
    func indexPage(_ request: Request) async throws -> Response {
        let cursor = request.uri.queryParameters.get("cursor").flatMap { $0.isEmpty ? nil : $0 }
        let page = try await store.articles(after: cursor, limit: 20)
        var values: [String: Any] = [
            "pageTitle": "Articles", "language": "en", "articles": page.articles.map(PageRenderer.header),
        ]
        if let next = page.nextCursor { values["next"] = next }
        return pages.render("index", values)
    }

    func articlePage(_ context: BasicRequestContext) async throws -> Response {
        let article = try await article(context)
        var values = PageRenderer.header(article)
        values["blocks"] = PageRenderer.blocks(article)
        values["slugJSON"] = PageRenderer.javaScriptString(article.slug)
        let (previous, next) = try await store.neighbours(of: article)
        if let previous { values["previous"] = ["slug": previous.slug, "title": previous.title] }
        if let next { values["next"] = ["slug": next.slug, "title": next.title] }
        return pages.render("article", values)
    }

    /// The summary as a page of its own, for readers without JavaScript.
    func summaryPage(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let article = try await article(context)
        let choice = request.uri.queryParameters.get("length") ?? "medium"
        let counts = ["short": 1, "medium": 3, "long": 5]
        guard let count = counts[choice] else {
            throw APIError(.badRequest, "invalidOption", "length must be short, medium or long")
        }
        let json = try await summaryJSON(
            of: article, method: .news, length: .sentences(count), key: "sentences=\(count)")
        let summary = try JSONDecoder().decode(Summary.self, from: json)
        var values = PageRenderer.header(article)
        values["pageTitle"] = "Summary: " + article.draft.title
        values["count"] = summary.sentences.count
        values["total"] = summary.stats.article.sentences
        values["sentences"] = summary.sentences.map { sentence -> [String: Any] in
            [
                "text": sentence.text, "block": PageRenderer.block(containing: sentence.start, in: article),
                "slug": article.slug,
            ]
        }
        return pages.render("summary", values)
    }
}
