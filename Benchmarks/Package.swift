// swift-tools-version:6.1
// Trawl's benchmarks: a package of its own, so `swift build` of the main package never
// resolves or builds ordo-one/benchmark. It depends on the main package by path; the
// engine benchmark imports TrawlDetectors, which the main package must export as a
// library product (`.library(name: "TrawlDetectors", targets: ["TrawlDetectors"])`).
//
// Run:   cd Benchmarks && swift package --disable-sandbox benchmark
// (see README.md; `make bench` runs this and the peer comparison, peer.sh).
import PackageDescription

// SwiftPM names a path dependency after its folder ("main" for /work/main, "trawl" for
// a clone called trawl), and `.product(package:)` wants that identity.
let mainPackage = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init)?.lowercased() ?? "trawl"

let package = Package(
    name: "TrawlBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        // MallocInterposer (malloc counts) only: the package's other default trait pulls in
        // ordo-one/swift-runtime-interposer on Swift 6.3 Linux, which is not needed here.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1",
                 traits: ["MallocInterposer"]),
    ],
    targets: [
        // The detection engine alone over an in-memory corpus: MB/s, mallocs, and the
        // scaling runs with 10 / 50 / 100 / 200 detectors.
        .executableTarget(
            name: "EngineBenchmark",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TrawlDetectors", package: mainPackage),
            ],
            path: "Benchmarks/EngineBenchmark",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
