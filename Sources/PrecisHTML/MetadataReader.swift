import CGumbo
import Foundation

/// Reads an article's metadata from a page: JSON-LD (schema.org `NewsArticle`, `Article` and kin, also
/// inside `@graph`), then OpenGraph and other `<meta>` tags, then the document itself (`<time>`,
/// `<link rel=canonical>`, `<title>` without the site's name, `<html lang>`), most trusted first.
struct MetadataReader {
    let tree: HTMLTree

    /// Fills in the article's metadata and returns the article's text as its JSON-LD gives it
    /// (`articleBody`), for pages that render their body with JavaScript.
    @discardableResult
    func read(into article: inout Article, pageURL: String?) -> String? {
        var meta: [String: String] = [:]
        var canonical: String?
        var language: String?
        var titleElement: String?
        var jsonLD: [[String: Any]] = []
        var firstTime: String?
        var bylineElement: String?
        let nodes = tree.nodes
        for i in nodes.indices where !nodes[i].isText {
            let node = nodes[i]
            switch node.tag {
            case GUMBO_TAG_META:
                let key = (node.attribute("property") ?? node.attribute("name") ?? node.attribute("itemprop"))?
                    .lowercased()
                if let key, let content = node.attribute("content")?.collapsingWhitespace, !content.isEmpty,
                    meta[key] == nil
                {
                    meta[key] = content
                }
            case GUMBO_TAG_LINK:
                if canonical == nil,
                    node.attribute("rel")?.lowercased().split(separator: " ").contains("canonical") == true,
                    let href = node.attribute("href"), !href.isEmpty
                {
                    canonical = href
                }
            case GUMBO_TAG_HTML:
                language = node.attribute("lang")
            case GUMBO_TAG_TITLE:
                if titleElement == nil { titleElement = tree.text(of: i) }
            case GUMBO_TAG_SCRIPT:
                guard node.attribute("type")?.lowercased().contains("ld+json") == true else { continue }
                let source = tree.text(of: i)
                if let data = source.data(using: .utf8), let value = try? JSONSerialization.jsonObject(with: data) {
                    jsonLD.append(contentsOf: Self.articleObjects(in: value))
                }
            case GUMBO_TAG_TIME:
                if firstTime == nil { firstTime = node.attribute("datetime") }
            default:
                if bylineElement == nil, Self.isBylineElement(node) {
                    let text = tree.text(of: i)
                    if !text.isEmpty && text.count <= 100 { bylineElement = text }
                }
            }
        }
        let ld = jsonLD.first ?? [:]

        let site = Self.string(ld["publisher"], key: "name") ?? meta["og:site_name"] ?? meta["application-name"]
        article.site = site
        let rawTitle =
            Self.string(ld["headline"]) ?? meta["og:title"] ?? meta["twitter:title"] ?? titleElement
            ?? tree.first(GUMBO_TAG_H1).map { tree.text(of: $0) }
        article.title = rawTitle.map { Self.removingSiteName($0, site: site) }.flatMap { $0.isEmpty ? nil : $0 }
        article.byline =
            Self.string(ld["author"], key: "name").map(Self.cleanByline)
            ?? (meta["author"] ?? meta["article:author"] ?? meta["parsely-author"] ?? meta["sailthru.author"]
            ?? meta["dc.creator"] ?? meta["byl"]).flatMap { $0.hasPrefix("http") ? nil : Self.cleanByline($0) }
            ?? bylineElement.map(Self.cleanByline)
        article.published =
            [
                Self.string(ld["datePublished"]), meta["article:published_time"], meta["og:published_time"],
                meta["datepublished"], meta["date"], meta["dc.date"], meta["dc.date.issued"], meta["pubdate"],
                meta["publishdate"], meta["sailthru.date"], firstTime,
            ].lazy.compactMap { $0.flatMap(Self.isoDate) }.first
        article.description =
            Self.string(ld["description"]) ?? meta["og:description"] ?? meta["description"]
            ?? meta["twitter:description"]
        article.image = Self.string(ld["image"], key: "url") ?? meta["og:image"] ?? meta["twitter:image"]
        article.language = (language ?? Self.string(ld["inLanguage"]) ?? meta["og:locale"]).map {
            $0.replacingOccurrences(of: "_", with: "-")
        }.flatMap { $0.isEmpty ? nil : $0 }
        article.url = canonical ?? meta["og:url"] ?? Self.string(ld["url"]) ?? pageURL
        return jsonLD.compactMap { $0["articleBody"] as? String }.max { $0.count < $1.count }
    }

    private static func isBylineElement(_ node: HTMLTree.Node) -> Bool {
        if node.attribute("rel")?.lowercased() == "author" { return true }
        if node.attribute("itemprop")?.lowercased() == "author" { return true }
        return node.hints.contains(.byline)
    }

    /// The schema.org objects that describe an article, found anywhere in a JSON-LD value.
    static func articleObjects(in value: Any) -> [[String: Any]] {
        var found: [[String: Any]] = []
        var stack: [Any] = [value]
        var visited = 0
        while let item = stack.popLast(), visited < 10_000 {
            visited += 1
            if let array = item as? [Any] {
                stack.append(contentsOf: array.reversed())
            } else if let object = item as? [String: Any] {
                let types: [String] = (object["@type"] as? String).map { [$0] } ?? (object["@type"] as? [String]) ?? []
                if types.contains(where: { articleTypes.contains($0) }) { found.append(object) }
                if let graph = object["@graph"] { stack.append(graph) }
                if let main = object["mainEntity"] { stack.append(main) }
            }
        }
        return found
    }

    static let articleTypes: Set<String> = [
        "NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
        "BackgroundNewsArticle", "ReviewNewsArticle", "TechArticle", "ScholarlyArticle", "LiveBlogPosting", "WebPage",
        "Report",
    ]

    /// A string from a JSON-LD value that may be a string, an object with `key`, or an array of either.
    static func string(_ value: Any?, key: String = "name") -> String? {
        switch value {
        case let text as String:
            let cleaned = text.collapsingWhitespace
            return cleaned.isEmpty ? nil : cleaned
        case let object as [String: Any]:
            return string(object[key], key: key)
        case let array as [Any]:
            let parts = array.compactMap { string($0, key: key) }
            if key == "name" && parts.count > 1 { return parts.joined(separator: ", ") }
            return parts.first
        default:
            return nil
        }
    }

    static func cleanByline(_ text: String) -> String {
        var value = text.collapsingWhitespace
        for prefix in ["By ", "by ", "BY ", "Von ", "von ", "Автор: ", "Автор "] where value.hasPrefix(prefix) {
            value.removeFirst(prefix.count)
        }
        return value
    }

    /// A date or date and time as ISO 8601, from the forms pages use; nil when it is not one.
    static func isoDate(_ text: String) -> String? {
        let value = text.collapsingWhitespace
        let scalars = Array(value.unicodeScalars)
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= scalars.count
                && range.allSatisfy { scalars[$0].properties.numericType != nil && scalars[$0].isASCII }
        }
        guard digits(0..<4), scalars.count >= 10, scalars[4] == "-", digits(5..<7), scalars[7] == "-", digits(8..<10)
        else { return nil }
        if scalars.count == 10 { return value }
        guard scalars[10] == "T" || scalars[10] == " ", digits(11..<13) else { return String(value.prefix(10)) }
        var result = value
        if scalars[10] == " " {
            result = String(value.prefix(10)) + "T" + String(value.dropFirst(11))
        }
        // Drop anything after a space (a time zone name, say).
        if let space = result.firstIndex(of: " ") { result = String(result[..<space]) }
        return result
    }

    /// A page title without the site's name: "Headline | Site", "Site - Headline".
    static func removingSiteName(_ title: String, site: String?) -> String {
        let value = title.collapsingWhitespace
        let separators = [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / "]
        for separator in separators where value.contains(separator) {
            let parts = value.components(separatedBy: separator)
            if let site, parts.count > 1 {
                let kept = parts.filter { $0.lowercased() != site.lowercased() }
                if kept.count < parts.count { return kept.joined(separator: separator) }
            }
            // Without a known site name, the site is the short part at either end.
            if parts.count > 1 {
                let first = parts[0]
                let last = parts[parts.count - 1]
                let words = { (s: String) in s.split(separator: " ").count }
                if words(last) <= 3 && words(first) >= 3 { return parts.dropLast().joined(separator: separator) }
                if words(first) <= 3 && words(last) >= 3 { return parts.dropFirst().joined(separator: separator) }
            }
        }
        return value
    }
}
