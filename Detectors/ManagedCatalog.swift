// The managed data identifiers ship inside Trawl as a SwiftPM resource bundle
// (Detectors/managed/*.yml), so `trawl` runs from any folder. The bundle is looked up
// next to the running executable only (the way SwiftPM installs it beside the binary),
// never through the build path compiled into the binary.

import Foundation

public enum ManagedCatalog {
    /// Name of the resource bundle SwiftPM builds for this target.
    public static let bundleName = "trawl_TrawlCatalog.resources"

    /// Every managed detector file's path, sorted by name. (Paths, not URLs: building
    /// 145 file URLs was 2% of a scan's start-up.)
    public static func files() -> [String] {
        guard let dir = directoryPath(),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        return names.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted().map { dir + "/" + $0 }
    }

    /// The folder holding the managed detector YAML files, or nil when the bundle is
    /// missing. The executable's own folder is tried first, and the bundles' only when it
    /// fails (asking Foundation for every loaded bundle costs start-up time).
    public static func directoryPath() -> String? {
        func managed(in base: String) -> String? {
            let dir = base + "/" + bundleName + "/managed"
            var info = stat()
            return stat(dir, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR ? dir : nil
        }
        // The executable's own folder, symlinks (such as /usr/local/bin/trawl) resolved by
        // realpath(3) in one call (through URL, 1 ms of a scan's start-up).
        if let resolved = realpath("/proc/self/exe", nil) {
            let exe = String(cString: resolved)
            free(resolved)
            if let slash = exe.utf8.lastIndex(of: UInt8(ascii: "/")),
               let dir = managed(in: String(exe[..<slash])) {
                return dir
            }
        }
        return candidateBases().lazy.compactMap { managed(in: $0.path) }.first
    }

    private static func candidateBases() -> [URL] {
        var bases: [URL] = [Bundle.main.bundleURL]
        if let res = Bundle.main.resourceURL { bases.append(res) }
        // Test bundles (swift test) load from the build folder as an .xctest beside the bundle.
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            bases.append(bundle.bundleURL.deletingLastPathComponent())
        }
        return bases
    }
}
