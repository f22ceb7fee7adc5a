import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads RSS 2.0 and Atom feeds into entries.
public enum FeedReader {
    public struct Entry: Sendable, Equatable {
        public var title: String?
        /// The article's address (`<link>` in RSS; the `alternate` link in Atom).
        public var link: String?
        /// The full text as HTML, when the feed carries it (`content:encoded`, Atom `<content>`).
        public var content: String?
        public var summary: String?
        public var published: Date?
        public var author: String?
    }

    /// Whether bytes look like a feed: XML whose first element is `rss`, `feed` or `rdf:RDF`, after any
    /// XML declaration, comments and doctype.
    public static func looksLikeFeed(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
        var rest = head[...].drop { $0 == "\u{FEFF}" || $0.isWhitespace }
        while rest.hasPrefix("<?") || rest.hasPrefix("<!") {
            guard let end = rest.firstIndex(of: ">") else { return false }
            rest = rest[rest.index(after: end)...].drop { $0.isWhitespace }
        }
        let lower = rest.lowercased()
        return ["<rss", "<feed", "<rdf:rdf"].contains { lower.hasPrefix($0) }
    }

    /// The feed's entries, in feed order.
    /// - Throws: ``SiteError`` `.invalidInput` when the bytes are not a well-formed RSS or Atom feed.
    public static func entries(_ bytes: [UInt8]) throws -> [Entry] {
        let parser = XMLParser(data: Data(bytes))
        let collector = Collector()
        parser.delegate = collector
        parser.shouldProcessNamespaces = false
        guard parser.parse() else {
            throw SiteError(
                .invalidInput,
                "not a well-formed feed (XML error at line \(parser.lineNumber), column \(parser.columnNumber))")
        }
        guard collector.sawFeed else { throw SiteError(.invalidInput, "not an RSS or Atom feed") }
        guard collector.closedFeed else {
            throw SiteError(.invalidInput, "not a well-formed feed (it ends before it closes)")
        }
        return collector.entries
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var entries: [Entry] = []
        var sawFeed = false
        var closedFeed = false
        private var current: Entry?
        private var text = ""
        private var inAuthor = false

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            switch name {
            case "rss", "feed", "rdf:RDF":
                sawFeed = true
            case "item", "entry":
                current = Entry()
            case "author":
                inAuthor = true
            case "link" where current != nil:
                // Atom: <link rel="alternate" href="..."/>; RSS: <link>text</link>.
                if let href = attributes["href"], attributes["rel"] ?? "alternate" == "alternate", current?.link == nil
                {
                    current?.link = href
                }
            default:
                break
            }
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, foundCDATA block: Data) { text += String(decoding: block, as: UTF8.self) }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            defer { text = "" }
            if name == "item" || name == "entry" {
                if let current { entries.append(current) }
                current = nil
                return
            }
            if name == "author" { inAuthor = false }
            if name == "rss" || name == "feed" || name == "rdf:RDF" { closedFeed = true }
            guard current != nil, !value.isEmpty else { return }
            switch name {
            case "title": if current?.title == nil { current?.title = value }
            case "link": if current?.link == nil { current?.link = value }
            case "guid": if current?.link == nil, value.hasPrefix("http") { current?.link = value }
            case "content:encoded", "content": current?.content = value
            case "description", "summary": current?.summary = value
            case "pubDate", "published", "dc:date", "updated":
                if current?.published == nil || name == "published" { current?.published = Dates.parse(value) }
            case "dc:creator": current?.author = value
            case "name" where inAuthor: current?.author = value
            case "author" where current?.author == nil: current?.author = value
            default: break
            }
        }
    }
}
