// swift-tools-version: 6.2
import PackageDescription

import class Foundation.ProcessInfo

let package = Package(
    name: "precis",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "precis", targets: ["precis"]),
        .library(name: "PrecisCore", targets: ["PrecisCore"]),
        .library(name: "PrecisHTML", targets: ["PrecisHTML"]),
        .library(name: "PrecisEval", targets: ["PrecisEval"]),
        .library(name: "PrecisSite", targets: ["PrecisSite"]),
        .library(name: "PrecisSQLite", targets: ["PrecisSQLite"]),
        .library(name: "PrecisServer", targets: ["PrecisServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CStemmer",
            providers: [.apt(["libstemmer-dev"])]
        ),
        .target(
            name: "PrecisCore",
            dependencies: ["CStemmer"]
        ),
        .systemLibrary(
            name: "CGumbo",
            providers: [.apt(["libgumbo-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "PrecisHTML",
            dependencies: ["PrecisCore", "CGumbo"]
        ),
        .target(
            name: "PrecisSite",
            dependencies: ["PrecisHTML"]
        ),
        .target(
            name: "PrecisSQLite",
            dependencies: ["PrecisSite", "PrecisHTML", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "PrecisServer",
            dependencies: [
                "PrecisCore", "PrecisHTML", "PrecisSite", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            resources: [.copy("Resources/openapi.yaml")]
        ),
        .target(
            name: "PrecisEval",
            dependencies: ["PrecisCore", "PrecisHTML", "CZlib"]
        ),
        .executableTarget(
            name: "precis",
            dependencies: [
                "PrecisCore",
                "PrecisHTML",
                "PrecisEval",
                "PrecisSite",
                "PrecisSQLite",
                "PrecisServer",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PrecisCoreTests", dependencies: ["PrecisCore"]),
        .testTarget(name: "PrecisHTMLTests", dependencies: ["PrecisHTML"]),
        .testTarget(name: "PrecisEvalTests", dependencies: ["PrecisEval"]),
        .testTarget(name: "PrecisSiteTests", dependencies: ["PrecisSite", "PrecisSQLite", "PrecisHTML"]),
        .testTarget(
            name: "PrecisServerTests",
            dependencies: [
                "PrecisServer", "PrecisSite", "PrecisSQLite", "PrecisHTML",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]),
        .testTarget(
            name: "precisTests",
            dependencies: [
                "precis", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
    ]
)

// Benchmarks (ordo-one/benchmark) are built only when PRECIS_BENCHMARKS is set, so that users and CI
// do not build them: PRECIS_BENCHMARKS=1 swift package benchmark
if ProcessInfo.processInfo.environment["PRECIS_BENCHMARKS"] != nil {
    package.dependencies.append(
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]))
    package.targets.append(
        .executableTarget(
            name: "PrecisBenchmarks",
            dependencies: [
                "PrecisCore",
                "PrecisHTML",
                "PrecisEval",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/PrecisBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]))
}
