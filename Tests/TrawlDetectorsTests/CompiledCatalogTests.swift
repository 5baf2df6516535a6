// The managed catalogue compiled into the binary (TrawlManagedCatalog, written by the
// CompileCatalog plugin at build time) holds exactly what the shipped YAML files give
// when the loader reads them at run time: the same files in the same order, and for
// each the same definition, field for field (only where it was loaded from differs).
// The generator's Swift literals are checked on values that need escapes, by hand.

import Foundation
import XCTest
import TrawlCatalog
@testable import TrawlDetectors
import TrawlManagedCatalog

final class CompiledCatalogTests: XCTestCase {
    func testTheCompiledCatalogueIsTheYAMLFilesDefinitions() throws {
        let paths = ManagedCatalog.files()
        let compiled = CompiledManagedCatalog.files
        XCTAssertEqual(paths.count, 145)
        XCTAssertEqual(compiled.map(\.name), paths.map { ($0 as NSString).lastPathComponent })
        for (path, file) in zip(paths, compiled) {
            var parsed = try DetectorLoader.loadFile(path)
            parsed.sourceFile = file.definition.sourceFile
            XCTAssertEqual(file.definition, parsed, file.name)
        }
    }

    /// Literals that need escaping came through: backslashes and quotes in regexes
    /// (checked against the bytes of the files), and a non-ASCII keyword.
    func testEscapedAndNonASCIIValuesSurviveTheLiterals() throws {
        let byID = Dictionary(uniqueKeysWithValues: CompiledManagedCatalog.files.map { ($0.definition.id, $0.definition) })
        let uk = try XCTUnwrap(byID["UK_PHONE_NUMBER"])
        XCTAssertTrue(uk.regex.hasPrefix(#"(?<![0-9A-Za-z_+)])(?<![0-9)][ .-])(?:(?:\+|00)44"#))
        XCTAssertEqual(uk.keywordOptionalPrefixes, ["+44", "0044"])
        XCTAssertEqual(uk.examples.first, "Phone: 020 3278 9488")
        let nonASCII = CompiledManagedCatalog.files.flatMap(\.definition.keywords).filter { $0.utf8.contains { $0 >= 0x80 } }
        XCTAssertFalse(nonASCII.isEmpty)
    }

    /// Installed, the compiled definitions are what `load` gives, each sourced from its
    /// file in the bundle.
    func testLoadTakesTheInstalledDefinitions() throws {
        CompiledManagedCatalog.install()
        let loaded = try DetectorLoader.load()
        XCTAssertEqual(loaded.map(\.id), CompiledManagedCatalog.files.map(\.definition.id))
        let directory = try XCTUnwrap(ManagedCatalog.directoryPath())
        XCTAssertEqual(loaded.map(\.sourceFile), CompiledManagedCatalog.files.map { directory + "/" + $0.name })
    }
}
