// A problem in a detector file or a configuration file, located by file and line so
// the user can fix it at once. The command line turns it into exit code 2.

public struct ConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// The field (key) the problem is about, when there is one.
    public var field: String?
    public var message: String

    public init(file: String, line: Int?, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ": "
        if let field { s += "\(field): " }
        return s + message
    }
}
