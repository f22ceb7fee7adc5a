import ArgumentParser
import AsyncHTTPClient
import Foundation
import PrecisHTML
import PrecisSQLite
import PrecisSite

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import articles into the site's store: HTML pages, directories of them, JSONL, RSS and Atom feeds.",
        discussion: """
            Each PATH is a page (.html), a directory (its .html and .htm files, recursively), a JSONL file \
            (one {"title", "article" or "html", "url"?, "published"?, "byline"?} per line), an RSS 2.0 or Atom \
            feed, an http or https URL of a page or feed, or - for standard input. A feed entry without its \
            full text is fetched from its link. Fetching has timeouts, a size cap and a redirect limit, and \
            refuses loopback, link-local and private addresses unless --allow-private is given. Importing \
            the same article again updates it and never duplicates it. One line per failure says why; the last line counts \
            imported, updated, unchanged and failed items. The exit code is 2 when any item failed.
            """)

    @Argument(help: "Pages, directories, JSONL files or feeds, or - for standard input.", completion: .file())
    var paths: [String]

    @Option(help: "The SQLite file of the store (default: $PRECIS_DATABASE, else ./precis.sqlite).")
    var database: String?

    @Option(help: "The largest file or download accepted, in bytes.")
    var maxInputBytes = 32 << 20

    @Flag(help: "Allow fetching from loopback, link-local and private addresses.")
    var allowPrivate = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one PATH") }
    }

    /// The store path: the option, then `PRECIS_DATABASE`, then `./precis.sqlite`.
    static func databasePath(_ option: String?) -> String {
        option ?? ProcessInfo.processInfo.environment["PRECIS_DATABASE"] ?? "precis.sqlite"
    }

    /// Opens the SQLite store at the configured path; a PostgreSQL URL is refused until that store exists.
    static func openStore(_ option: String?) throws -> SQLiteArticleStore {
        let path = databasePath(option)
        let lower = path.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            throw SiteError(.storeUnavailable, "the PostgreSQL store is not available yet; give a SQLite file path")
        }
        return try SQLiteArticleStore(path: path)
    }

    struct Tally {
        var imported = 0
        var updated = 0
        var unchanged = 0
        var failed = 0
        var total: Int { imported + updated + unchanged + failed }
    }

    func run() async throws {
        let store = try Self.reportingFailures { try Self.openStore(database) }
        let client = Fetcher.makeClient()
        let importer = Importer(
            store: store, maxInputBytes: maxInputBytes,
            fetcher: Fetcher(maximumBytes: maxInputBytes, allowsPrivateAddresses: allowPrivate), client: client)
        for path in paths { await importer.importPath(path) }
        let tally = await importer.finish()
        try? await client.shutdown()
        print(
            "imported \(tally.imported), updated \(tally.updated), unchanged \(tally.unchanged), failed \(tally.failed)"
        )
        if tally.failed > 0 { throw ExitCode(2) }
    }
}

/// Reads items, saves them, and keeps count; reports each failure on standard error and goes on.
actor Importer {
    let store: any ArticleStore
    let maxInputBytes: Int
    private let reader = DraftReader()
    private var tally = ImportCommand.Tally()
    private let progress = Terminal.stderrIsTerminal ? Progress() : nil

    let fetcher: Fetcher?
    let client: HTTPClient?

    init(store: any ArticleStore, maxInputBytes: Int, fetcher: Fetcher? = nil, client: HTTPClient? = nil) {
        self.store = store
        self.maxInputBytes = maxInputBytes
        self.fetcher = fetcher
        self.client = client
    }

    func importPath(_ path: String) async {
        let lower = path.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            await importURL(path)
            return
        }
        var isDirectory: ObjCBool = false
        if path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            for file in Self.pages(in: path) { await importFile(file) }
        } else {
            await importFile(path)
        }
    }

    func finish() -> ImportCommand.Tally {
        progress?.finish(tally.total, failed: tally.failed)
        return tally
    }

    private func importFile(_ path: String) async {
        let bytes: [UInt8]
        do { bytes = try InputReader.readBytes(path, limit: maxInputBytes) } catch {
            fail(path, error)
            return
        }
        let name = path == "-" ? "standard input" : path
        if FeedReader.looksLikeFeed(bytes) {
            await importFeed(bytes, source: name)
        } else if path.hasSuffix(".jsonl") || (!Article.looksLikeHTML(bytes) && bytes.first == UInt8(ascii: "{")) {
            await importLines(bytes, source: name)
        } else {
            await save(name) { try self.reader.draft(page: bytes) }
        }
    }

    private func importURL(_ url: String) async {
        guard let fetcher, let client else {
            fail(url, CommandFailure("fetching is off here"))
            return
        }
        let page: Fetcher.Page
        do { page = try await fetcher.fetch(url, client: client) } catch {
            fail(url, error)
            return
        }
        if FeedReader.looksLikeFeed(page.bytes) {
            await importFeed(page.bytes, source: url, base: page.url)
        } else {
            await save(url) { try self.reader.draft(page: page.bytes, url: page.url, contentType: page.contentType) }
        }
    }

    private func importLines(_ bytes: [UInt8], source: String) async {
        let decoder = JSONDecoder()
        for (number, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
            await save("\(source) line \(number + 1)") {
                let parsed: DraftReader.Line
                do { parsed = try decoder.decode(DraftReader.Line.self, from: Data(line)) } catch {
                    throw SiteError(.invalidInput, "not a JSON object with \"title\" and \"article\" or \"html\"")
                }
                return try self.reader.draft(line: parsed)
            }
        }
    }

    /// A feed's entries; links relative to `base` (where the feed came from) are resolved against it.
    private func importFeed(_ bytes: [UInt8], source: String, base: String? = nil) async {
        let entries: [FeedReader.Entry]
        do { entries = try FeedReader.entries(bytes) } catch {
            fail(source, error)
            return
        }
        for (number, entry) in entries.enumerated() {
            let name = "\(source) entry \(number + 1)" + (entry.title.map { " (\($0))" } ?? "")
            var entry = entry
            if let link = entry.link, let base = base.flatMap({ URL(string: $0) }) {
                entry.link = URL(string: link, relativeTo: base)?.absoluteString ?? link
            }
            if entry.content == nil, let link = entry.link, let fetcher, let client {
                // The entry carries a teaser only: fetch the article it links to.
                do {
                    let page = try await fetcher.fetch(link, client: client)
                    await save(name) {
                        var draft = try self.reader.draft(
                            page: page.bytes, url: page.url, contentType: page.contentType)
                        if let title = entry.title { draft.title = title }
                        if let published = entry.published { draft.published = published }
                        if let author = entry.author { draft.byline = author }
                        return draft
                    }
                } catch {
                    fail(name, error)
                }
                continue
            }
            await save(name) { try self.reader.draft(entry: entry) }
        }
    }

    private func save(_ item: String, _ makeDraft: () throws -> ArticleDraft) async {
        do {
            switch try await store.save(try makeDraft()) {
            case .imported: tally.imported += 1
            case .updated: tally.updated += 1
            case .unchanged: tally.unchanged += 1
            }
        } catch {
            fail(item, error)
        }
        progress?.tick(tally.total)
    }

    private func fail(_ item: String, _ error: any Error) {
        tally.failed += 1
        let reason = (error as? any UserFacingError)?.message ?? "could not be imported"
        Terminal.error(reason.hasPrefix(item) ? reason : "\(item): \(reason)")
    }

    /// The HTML files under a directory, sorted, recursively.
    static func pages(in directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let lower = relative.lowercased()
            if lower.hasSuffix(".html") || lower.hasSuffix(".htm") {
                files.append((directory as NSString).appendingPathComponent(relative))
            }
        }
        return files.sorted()
    }
}
