import ArgumentParser
import Foundation
import Logging
import Metrics
import PrecisCore
import PrecisSQLite
import PrecisServer
import PrecisSite
import Prometheus

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the site and its JSON API on the article store.",
        discussion: """
            Options win over environment variables, which win over defaults: --host or PRECIS_HTTP_HOST \
            (127.0.0.1), --port or PRECIS_HTTP_PORT (8080), --database or PRECIS_DATABASE (./precis.sqlite, \
            created and migrated on first start), PRECIS_API_TOKEN (the bearer token for POST \
            /api/v1/articles; writing is off without it), PRECIS_LOG_LEVEL (info). SIGTERM and SIGINT stop \
            the server after the requests in flight.
            """)

    @Option(help: "The address to listen on.")
    var host: String?

    @Option(help: "The port to listen on.")
    var port: Int?

    @Option(help: "The SQLite file of the store.")
    var database: String?

    @Flag(help: "Import the demo articles that ship with Precis when the store is empty.")
    var demo = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let host = host ?? environment["PRECIS_HTTP_HOST"] ?? "127.0.0.1"
        let port = port ?? environment["PRECIS_HTTP_PORT"].map { Int($0) ?? -1 } ?? 8080
        guard (1...65535).contains(port) else {
            Terminal.error("the port must be a number from 1 to 65535")
            throw ExitCode(2)
        }
        var logger = Logger(label: "precis")
        if let level = environment["PRECIS_LOG_LEVEL"] {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                Terminal.error("PRECIS_LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical")
                throw ExitCode(2)
            }
            logger.logLevel = parsed
        }
        let path = ImportCommand.databasePath(database)
        let store = try Self.reportingFailures { try ImportCommand.openStore(database) }
        if demo, try await store.count() == 0 {
            let directory = DemoArticles.directory
            let importer = Importer(store: store, maxInputBytes: 32 << 20)
            await importer.importPath(directory)
            let tally = await importer.finish()
            logger.info("imported the demo articles", metadata: ["count": "\(tally.imported)"])
        }
        let token = environment["PRECIS_API_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        // The languages' word lists are built now, so that the first summary request does not wait for them.
        Language.prepareCatalog()
        // Request counts and latencies by route, and summary cache hits and misses, in Prometheus text.
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let server = try SiteServer(store: store, configuration: .init(apiToken: token, metrics: registry))
        logger.info(
            "Precis is serving", metadata: ["url": "http://\(host):\(port)", "database": "\(path)"])
        try await server.application(host: host, port: port, logger: logger).runService()
    }
}

/// The demo articles that ship with Precis: HTML pages in `examples/demo-site`, found next to the
/// executable's source tree or in the current directory.
enum DemoArticles {
    static var directory: String {
        let candidates = [
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("examples/demo-site").path,
            FileManager.default.currentDirectoryPath + "/examples/demo-site",
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? candidates[1]
    }
}
