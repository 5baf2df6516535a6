// The managed catalogue compiled into the binary: Detectors/managed/*.yml read and
// checked when Trawl is built (the CompileCatalog plugin writes `files`), so a start
// builds the definitions instead of parsing 270 KB of YAML. The YAML files still ship
// (TrawlCatalog's bundle) for people to read; the tests compare the two.

import TrawlDetectors

public enum CompiledManagedCatalog {
    /// Hands the compiled definitions to the detector loader, for every later
    /// `DetectorLoader.load()` of this process.
    public static func install() {
        DetectorLoader.installCompiledManaged(files)
    }
}
