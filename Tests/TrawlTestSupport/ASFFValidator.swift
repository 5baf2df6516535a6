// Runs Tests/tools/validate_asff.py (botocore's Security Hub model, an independent check
// of every finding) with the venv interpreter that `make test` creates.

import Foundation

public enum ASFFValidator {
    /// The package root (this file is Tests/TrawlTestSupport/ASFFValidator.swift).
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let python = packageRoot.appendingPathComponent(".venv/bin/python3").path
    public static let script = packageRoot.appendingPathComponent("Tests/tools/validate_asff.py").path

    /// Whether the venv exists; without it the validation tests must fail, saying so.
    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: python) }
    public static let missingMessage = "\(python) is missing: run `make test` (it creates .venv with botocore)"

    /// Validate the ASFF JSON lines in `file`: the script's exit status and output.
    public static func run(file: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, file]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
