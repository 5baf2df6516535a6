// The managed data identifiers ship inside Trawl as a SwiftPM resource bundle
// (Detectors/managed/*.yml), so `trawl` runs from any folder. The bundle is looked up
// next to the running executable only (the way SwiftPM installs it beside the binary),
// never through the build path compiled into the binary.

import Foundation

public enum ManagedCatalog {
    /// Name of the resource bundle SwiftPM builds for this target.
    public static let bundleName = "trawl_TrawlCatalog.resources"

    /// The folder holding the managed detector YAML files, or nil when the bundle is missing.
    public static func directory() -> URL? {
        for base in candidateBases() {
            let dir = base.appendingPathComponent(bundleName).appendingPathComponent("managed")
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue {
                return dir
            }
        }
        return nil
    }

    /// Every managed detector file, sorted by name.
    public static func files() -> [URL] {
        guard let dir = directory(),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        return names.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted()
            .map { dir.appendingPathComponent($0) }
    }

    private static func candidateBases() -> [URL] {
        var bases: [URL] = []
        // The executable's own folder (resolving symlinks such as /usr/local/bin/trawl).
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            bases.append(URL(fileURLWithPath: exe).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        bases.append(Bundle.main.bundleURL)
        if let res = Bundle.main.resourceURL { bases.append(res) }
        // Test bundles (swift test) load from the build folder as an .xctest beside the bundle.
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            bases.append(bundle.bundleURL.deletingLastPathComponent())
        }
        return bases
    }
}
