// Compiles the managed catalogue (Detectors/managed/*.yml) into Swift source for the
// target it is applied to (TrawlManagedCatalog), with trawl-catalog-compiler: the files
// are parsed and checked when Trawl is built, and again only when one of them changes.

import Foundation
import PackagePlugin

@main
struct CompileCatalog: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let directory = context.package.directoryURL.appending(path: "Detectors/managed")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path())
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted()
            .map { directory.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "CompiledManagedDefinitions.swift")
        return [.buildCommand(displayName: "Compiling the managed detector catalogue",
                              executable: try context.tool(named: "trawl-catalog-compiler").url,
                              arguments: [directory.path(), output.path()],
                              inputFiles: files, outputFiles: [output])]
    }
}
