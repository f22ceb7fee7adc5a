import Foundation
import Hummingbird
import HummingbirdTesting
import Metrics
import PrecisSQLite
import PrecisServer
import Prometheus
import Testing

/// `/metrics` in Prometheus text, through swift-metrics (bootstrapped once for this test process).
struct MetricsTests {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    @Test func requestsAndSummaryCacheUseAreCounted() async throws {
        let registry = Self.registry
        let store = try SQLiteArticleStore()
        let seeded = try await APITests.server()
        for draft in try await seeded.store.articles(after: nil, limit: 10).articles.map(\.draft) {
            _ = try await store.save(draft)
        }
        let server = try SiteServer(store: store, configuration: .init(metrics: registry))
        try await Application(router: server.router()).test(.router) { client in
            for _ in 0..<2 {
                _ = try await client.execute(uri: "/api/v1/articles/harbour-story-1/summary?sentences=1", method: .get)
            }
            _ = try await client.execute(uri: "/api/v1/articles/missing", method: .get)
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            let text = String(buffer: response.body)
            #expect(
                text.contains(
                    #"hb_requests{http_route="/api/v1/articles/{slug}/summary",http_request_method="GET",http_response_status_code="200"}"#
                ))
            #expect(text.contains(#"http_response_status_code="404"}"#))
            #expect(text.contains("http_server_request_duration_bucket"))
            #expect(
                text.contains("precis_summary_cache_hits_total") && text.contains("precis_summary_cache_misses_total"))
        }
        // Without a registry there is no /metrics.
        try await Application(router: try await APITests.server().router()).test(.router) { client in
            let missing = try await client.execute(uri: "/metrics", method: .get)
            #expect(missing.status == .notFound)
        }
    }
}
