// swift-tools-version:6.1
// Trawl: a local, fast counterpart of Amazon Macie. Module layout and the
// dependency direction are described in DESIGN.md (shared/); keep them here.
import Foundation
import PackageDescription

/// pkg-config's C flags for `packages`, for a C target whose libraries are not linked
/// (a system library target would link them). Empty when pkg-config or a package is
/// missing: the compile then fails naming the header it cannot find.
func pkgConfigCFlags(_ packages: [String]) -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["pkg-config", "--cflags"] + packages
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return [] }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return [] }
    return String(decoding: data, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
}

// The readers and the engine are generic over their sources and handlers, and are called
// from TrawlScan: in release builds their bodies are made available across modules, so
// the calls are specialised and inlined instead of going through witness tables.
let crossModule: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "trawl",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "trawl", targets: ["trawl"]),
        // For the benchmarks package (Benchmarks/), which measures the engine in process.
        .library(name: "TrawlDetectors", targets: ["TrawlDetectors"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // TrawlAWS's HTTP transport (see AWSHTTPClient.swift); swift-nio and swift-nio-ssl
        // are named for the modules TrawlAWS imports itself (errors, TLS configuration).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.100.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.30.0"),
        // TrawlScan's incremental-scan state (--state): SQLite through GRDB (libsqlite3-dev).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // System libraries, found with pkg-config (Debian: libpcre2-dev, zlib1g-dev).
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8",
                       providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        // gzip objects are inflated by Intel's ISA-L (libisal-dev): about 2.8x zlib's
        // inflate rate on this machine's benchmark corpus (GzipByteSource.swift).
        .systemLibrary(name: "CIsal", pkgConfig: "libisal",
                       providers: [.apt(["libisal-dev"])]),
        // The format decoders' libraries (TrawlFormats): archives, PDF text, MIME e-mail,
        // Avro container files. OOXML parts are read with FoundationXML (libxml2 underneath):
        // importing libxml2's headers directly clashes with Foundation's ICU module.
        // The headers of libarchive (libarchive-dev) and avro-c (libavro-dev); the
        // functions Trawl calls are CDocumentLibraries' (format_libraries.c), which loads
        // the libraries on first use, so these modules link nothing.
        .systemLibrary(name: "CArchive"),
        .systemLibrary(name: "CAvro"),
        // PDF text (poppler-glib, libpoppler-glib-dev) and MIME messages (GMime,
        // libgmime-3.0-dev) through libraries loaded with dlopen on the first PDF or e-mail,
        // not at every start (see its header); libarchive, avro-c and uchardet the same way,
        // on their first call. Only its C files see the first two's headers, so their
        // compiler flags are its own, and nothing links the libraries.
        .target(name: "CDocumentLibraries",
                cSettings: [.unsafeFlags(pkgConfigCFlags(["poppler-glib", "gmime-3.0"]))]),
        // Detector, configuration and custom identifier files (YAMLNode.swift).
        .systemLibrary(name: "CLibYAML", pkgConfig: "yaml-0.1",
                       providers: [.apt(["libyaml-dev"])]),
        // Charset detection for text that is not UTF-8 (Shift_JIS, EUC-JP, ...): the header
        // of libuchardet-dev (loaded on first use, as libarchive is).
        .systemLibrary(name: "CUchardet"),

        // The engine's hot kernels in C (AVX2 with a portable fallback).
        .target(name: "CTrawlKernels"),

        // The managed data identifiers: Detectors/*.yml shipped as a resource bundle.
        .target(name: "TrawlCatalog", path: "Detectors",
                exclude: ["README.md"],
                sources: ["ManagedCatalog.swift"],
                resources: [.copy("managed")]),

        .target(name: "TrawlDetectors",
                dependencies: ["CPCRE2", "CTrawlKernels", "TrawlCatalog", "CLibYAML"],
                swiftSettings: crossModule),
        // The same files compiled into the binary when it is built (CompileCatalog runs
        // trawl-catalog-compiler, which reads them with TrawlDetectors' own loader), so a
        // start does not parse them.
        .executableTarget(name: "trawl-catalog-compiler", dependencies: ["TrawlDetectors"],
                          path: "Sources/CatalogCompiler"),
        .plugin(name: "CompileCatalog", capability: .buildTool(), dependencies: ["trawl-catalog-compiler"]),
        .target(name: "TrawlManagedCatalog", dependencies: ["TrawlDetectors"], plugins: ["CompileCatalog"]),
        .target(name: "TrawlFormats", dependencies: ["CZlib", "CIsal", "CArchive", "CDocumentLibraries", "CAvro", "CUchardet",
                                                     "CTrawlKernels"],
                swiftSettings: crossModule),
        .target(name: "TrawlAWS", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        .target(name: "TrawlStorage", dependencies: ["TrawlAWS"]),
        .target(name: "TrawlFindings",
                dependencies: ["TrawlDetectors", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "TrawlHub", dependencies: ["TrawlAWS", "TrawlFindings"]),
        .target(name: "TrawlScan",
                dependencies: ["CTrawlKernels", "TrawlStorage", "TrawlFormats", "TrawlDetectors", "TrawlFindings",
                               .product(name: "GRDB", package: "GRDB.swift")]),
        // Every module a target imports is listed, transitive or not: a client of the
        // cross-module optimised modules holds details they do not publish (a class's
        // stored properties, as an inlined allocation size), and SwiftPM rebuilds a target
        // when a module it lists changes, not one it only reaches through another. Before,
        // adding a stored property to DetectionEngine left an incremental release build's
        // `trawl detectors eval` allocating the old size and writing past it.
        .executableTarget(name: "trawl",
                          dependencies: ["TrawlScan", "TrawlHub", "TrawlAWS", "TrawlDetectors", "TrawlManagedCatalog",
                                         "TrawlFormats",
                                         "TrawlFindings", "TrawlStorage",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          // The toolchain links a static-stdlib executable with -export-dynamic,
                          // which put its ~38,600 own symbols in the dynamic symbol table; at
                          // every start the Swift runtime's dladdr (its Backtrace.cpp
                          // initialiser) walked them all and the loader mapped their 3 MB of
                          // tables. Nothing looks them up: the libraries Trawl opens are looked
                          // into by their own handles (CDocumentLibraries).
                          linkerSettings: [.unsafeFlags(["-Xlinker", "--no-export-dynamic"],
                                                        .when(platforms: [.linux], configuration: .release))]),

        .target(name: "TrawlTestSupport", dependencies: ["CTrawlKernels"], path: "Tests/TrawlTestSupport"),
        .testTarget(name: "TrawlDetectorsTests", dependencies: ["TrawlDetectors", "TrawlManagedCatalog", "TrawlTestSupport"]),
        .testTarget(name: "TrawlFormatsTests", dependencies: ["TrawlFormats", "TrawlTestSupport"]),
        .testTarget(name: "TrawlStorageTests", dependencies: ["TrawlStorage", "TrawlAWS", "TrawlTestSupport"]),
        .testTarget(name: "TrawlAWSTests", dependencies: ["TrawlAWS", "TrawlTestSupport"]),
        .testTarget(name: "TrawlFindingsTests", dependencies: ["TrawlFindings", "TrawlTestSupport"]),
        .testTarget(name: "TrawlHubTests", dependencies: ["TrawlHub", "TrawlTestSupport"]),
        .testTarget(name: "TrawlScanTests", dependencies: ["TrawlScan", "TrawlTestSupport"]),
        .testTarget(name: "TrawlCLITests", dependencies: ["trawl", "TrawlTestSupport"]),
    ]
)
