import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import PrecisCore
import PrecisHTML
import PrecisSite
import Prometheus

/// The site: article pages and the JSON API over an ``ArticleStore``. It knows no SQL and no database
/// type; any store will do.
public struct SiteServer: Sendable {
    public struct Configuration: Sendable {
        /// The bearer token that `POST /api/v1/articles` requires; nil turns writing off.
        public var apiToken: String?
        /// The largest request body accepted, in bytes; larger ones get 413.
        public var maximumBodyBytes: Int
        /// The most articles a list request returns.
        public var maximumPageSize: Int
        /// The registry that the process's swift-metrics factory writes to, served at `/metrics` in
        /// Prometheus text; nil leaves `/metrics` out.
        public var metrics: PrometheusCollectorRegistry?

        public init(
            apiToken: String? = nil, maximumBodyBytes: Int = 2 << 20, maximumPageSize: Int = 100,
            metrics: PrometheusCollectorRegistry? = nil
        ) {
            self.apiToken = apiToken
            self.maximumBodyBytes = maximumBodyBytes
            self.maximumPageSize = maximumPageSize
            self.metrics = metrics
        }
    }

    public let store: any ArticleStore
    public let configuration: Configuration
    private let reader = DraftReader()
    let pages: PageRenderer

    public init(store: any ArticleStore, configuration: Configuration = Configuration()) throws {
        self.store = store
        self.configuration = configuration
        self.pages = try PageRenderer()
    }

    /// The router with every route, its errors answered as JSON.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        // Metrics outside, so that they count the statuses the error middleware answers with.
        // Each request logged with its method, path, status and the request id Hummingbird gives it.
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ErrorMiddleware(pages: pages))
        router.get("/health") { _, _ in try await self.health() }
        router.get("/") { request, _ in try await self.indexPage(request) }
        router.get("/articles/{slug}") { _, context in try await self.articlePage(context) }
        router.get("/articles/{slug}/summary") { request, context in try await self.summaryPage(request, context) }
        router.get("/api/v1/articles") { request, _ in try await self.list(request) }
        router.get("/api/v1/articles/{slug}") { _, context in try await self.show(context) }
        router.get("/api/v1/articles/{slug}/summary") { request, context in
            try await self.articleSummary(request, context)
        }
        router.post("/api/v1/summaries") { request, _ in try await self.summarize(request) }
        router.post("/api/v1/articles") { request, _ in try await self.create(request) }
        router.get("/api/openapi.yaml") { _, _ in try self.openAPI() }
        if let registry = configuration.metrics {
            router.get("/metrics") { _, _ in
                Response(
                    status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
            }
        }
        return router
    }

    /// The application, listening on `host`:`port`; `runService()` runs it until SIGTERM or SIGINT,
    /// letting requests in flight finish.
    public func application(host: String, port: Int, logger: Logger) -> some ApplicationProtocol {
        Application(router: router(), configuration: .init(address: .hostname(host, port: port)), logger: logger)
    }

    // MARK: - Routes

    private func health() async throws -> Response {
        try json(["status": "ok", "articles": String(try await store.count())])
    }

    private func list(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        var limit = 20
        if let text = query.get("limit") {
            guard let value = Int(text), value >= 1 else {
                throw APIError(.badRequest, "invalidInput", "limit must be a whole number of at least 1")
            }
            limit = min(value, configuration.maximumPageSize)
        }
        let cursor = query.get("cursor").flatMap { $0.isEmpty ? nil : $0 }
        let page = try await store.articles(after: cursor, limit: limit)
        return try json(
            ArticleListJSON(
                articles: page.articles.map { ArticleJSON($0, withBody: false) }, nextCursor: page.nextCursor))
    }

    private func show(_ context: BasicRequestContext) async throws -> Response {
        try json(ArticleJSON(try await article(context), withBody: true))
    }

    private func articleSummary(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let article = try await article(context)
        let query = request.uri.queryParameters
        let (method, length, lengthKey) = try summaryOptions { query.get($0) }
        return jsonResponse(try await summaryJSON(of: article, method: method, length: length, key: lengthKey))
    }

    /// The summary of a stored article as JSON, from the cache or computed and cached.
    func summaryJSON(of article: StoredArticle, method: Summarizer.Method, length: Summarizer.Length, key: String)
        async throws -> Data
    {
        let key = SummaryKey(contentHash: article.contentHash, method: method.rawValue, length: key)
        if let cached = try await store.cachedSummary(key) {
            Counter(label: "precis_summary_cache_hits_total").increment()
            return cached
        }
        Counter(label: "precis_summary_cache_misses_total").increment()
        let summarizer = try Summarizer(configuration: .init(method: method, length: length))
        let document = try Document(article.bodyText, title: article.draft.title)
        let body = try Self.encoder.encode(summarizer.summarize(document))
        try await store.cacheSummary(body, for: key)
        return body
    }

    private func summarize(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: configuration.maximumBodyBytes)
        let bytes = Array(buffer: body)
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        var options = SummaryRequest()
        if contentType.hasPrefix("application/json") {
            options = try JSONDecoder().decode(SummaryRequest.self, from: Data(bytes))
        } else if contentType.hasPrefix("text/html") {
            options.html = String(decoding: bytes, as: UTF8.self)
        } else {
            options.text = String(decoding: bytes, as: UTF8.self)
        }
        // A JSON body carries its own options; a text or HTML body takes them from the query.
        let isJSON = contentType.hasPrefix("application/json")
        var fields: [String: String] = [:]
        if let method = options.method { fields["method"] = method }
        if let n = options.sentences { fields["sentences"] = String(n) }
        if let n = options.words { fields["words"] = String(n) }
        if let r = options.ratio { fields["ratio"] = String(r) }
        let query = request.uri.queryParameters
        let (method, length, _) = try summaryOptions { isJSON ? fields[$0] : query.get($0) }
        let text: String
        var title = options.title
        if let html = options.html {
            let article = try ArticleExtractor(maximumPageBytes: configuration.maximumBodyBytes).extract(html: html)
            text = article.bodyText
            title = title ?? article.title
        } else if let given = options.text {
            text = given
        } else {
            throw APIError(.badRequest, "invalidInput", "give \"text\" or \"html\"")
        }
        let summarizer = try Summarizer(configuration: .init(method: method, length: length))
        let document = try Document(text, title: title)
        return jsonResponse(try Self.encoder.encode(summarizer.summarize(document)))
    }

    private func create(_ request: Request) async throws -> Response {
        guard let token = configuration.apiToken else {
            throw APIError(.forbidden, "writingOff", "writing is off: the server has no API token configured")
        }
        guard let authorization = request.headers[.authorization], authorization == "Bearer \(token)" else {
            throw APIError(.unauthorized, "unauthorized", "a valid bearer token is required")
        }
        let body = try await request.body.collect(upTo: configuration.maximumBodyBytes)
        let line = try JSONDecoder().decode(ArticleRequest.self, from: Data(Array(buffer: body)))
        let outcome = try await store.save(try reader.draft(line: line))
        let status: HTTPResponse.Status
        if case .imported = outcome { status = .created } else { status = .ok }
        var response = try json(ArticleJSON(outcome.article, withBody: true))
        response.status = status
        return response
    }

    /// The OpenAPI 3.1 description of the API, kept in `Sources/PrecisServer/Resources/openapi.yaml`.
    private func openAPI() throws -> Response {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
            let data = FileManager.default.contents(atPath: url.path)
        else { throw APIError(.notFound, "notFound", "the API description is not installed") }
        return Response(
            status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: - Helpers

    func article(_ context: BasicRequestContext) async throws -> StoredArticle {
        let slug = context.parameters.get("slug") ?? ""
        guard let article = try await store.article(slug: slug) else {
            throw APIError(.notFound, "notFound", "no article has the slug '\(slug)'")
        }
        return article
    }

    /// The method and length of a summary from `method` and one of `sentences`, `words`, `ratio`.
    private func summaryOptions(_ parameter: (String) -> String?) throws -> (
        Summarizer.Method, Summarizer.Length, String
    ) {
        let methodName = parameter("method") ?? "news"
        guard let method = Summarizer.Method(rawValue: methodName) else {
            let known = Summarizer.Method.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError(.badRequest, "invalidOption", "unknown method '\(methodName)'; use one of \(known)")
        }
        let given = ["sentences", "words", "ratio"].filter { parameter($0) != nil }
        guard given.count <= 1 else {
            throw APIError(.badRequest, "invalidOption", "give only one of sentences, words and ratio")
        }
        var length = Summarizer.Length.sentences(3)
        var key = "sentences=3"
        if let name = given.first, let value = parameter(name) {
            switch name {
            case "ratio":
                guard let ratio = Double(value) else {
                    throw APIError(.badRequest, "invalidOption", "ratio must be a number")
                }
                length = .ratio(ratio)
            default:
                guard let n = Int(value) else {
                    throw APIError(.badRequest, "invalidOption", "\(name) must be a whole number")
                }
                length = name == "words" ? .words(n) : .sentences(n)
            }
            key = "\(name)=\(value)"
        }
        try Summarizer.Configuration(method: method, length: length).validate()
        return (method, length, key)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private func json<T: Encodable>(_ value: T) throws -> Response {
        jsonResponse(try Self.encoder.encode(value))
    }

    func jsonResponse(_ data: Data) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
