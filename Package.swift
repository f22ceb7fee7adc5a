// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "precis",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "precis", targets: ["precis"]),
        .library(name: "PrecisCore", targets: ["PrecisCore"]),
        .library(name: "PrecisEval", targets: ["PrecisEval"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
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
        .target(
            name: "PrecisEval",
            dependencies: ["PrecisCore"]
        ),
        .executableTarget(
            name: "precis",
            dependencies: [
                "PrecisCore",
                "PrecisEval",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PrecisCoreTests", dependencies: ["PrecisCore"]),
        .testTarget(name: "PrecisEvalTests", dependencies: ["PrecisEval"]),
        .testTarget(name: "precisTests", dependencies: ["precis"]),
    ]
)
