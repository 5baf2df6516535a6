// System tools for tests: a temporary directory, finding and running a tool (gzip,
// iconv, python3, bsdtar, ...) to make fixtures independently of the code under test.

import Foundation
import XCTest

/// A temporary directory removed at the end of the test.
public final class TempDir {
    public let url: URL
    public init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("trawl-formats-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// Absolute path of a system tool, or nil when it is not installed.
public func tool(_ name: String) -> String? {
    for dir in ["/usr/bin", "/bin", "/usr/local/bin"] {
        let path = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

public func requireTool(_ name: String) throws -> String {
    guard let path = tool(name) else { throw XCTSkip("\(name) is not installed") }
    return path
}

/// Runs a tool with `stdin` bytes (passed through a temporary file, so a large
/// output cannot deadlock against our writes); returns exit status and stdout.
@discardableResult
public func runTool(_ executable: String, _ arguments: [String], stdin: [UInt8] = [],
         currentDirectory: String? = nil) throws -> (status: Int32, stdout: [UInt8]) {
    let dir = try TempDir()
    let inputPath = dir.path("stdin")
    try writeFile(inputPath, stdin)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let cwd = currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
    let output = Pipe()
    process.standardInput = FileHandle(forReadingAtPath: inputPath)
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, [UInt8](data))
}

public func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

public func readFile(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}
