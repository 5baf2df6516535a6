// The request value TrawlAWS signs and sends: method, URL, ordered headers, body. A plain
// value (Sendable) so a worker thread can build, sign and retry it without sharing state.
import Foundation

public struct AWSHeader: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

public struct AWSRequest: Sendable {
    public var method: String
    public var url: URL
    /// Header names keep the caller's spelling; lookups are case-insensitive.
    public var headers: [AWSHeader]
    public var body: Data

    public init(method: String, url: URL, headers: [AWSHeader] = [], body: Data = Data()) {
        self.method = method.uppercased()
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The first value of a header (case-insensitive name); setting replaces every value.
    public subscript(header name: String) -> String? {
        get { headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value }
        set {
            headers.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
            if let newValue { headers.append(AWSHeader(name, newValue)) }
        }
    }

    /// The Host header value as an HTTP client sends it: the port only when it is not the
    /// scheme's default.
    public var hostHeader: String {
        var host = (url.host(percentEncoded: true) ?? "").lowercased()
        if host.contains(":") && !host.hasPrefix("[") { host = "[\(host)]" }
        if let port = url.port {
            let scheme = url.scheme?.lowercased()
            if !(scheme == "https" && port == 443) && !(scheme == "http" && port == 80) {
                host += ":\(port)"
            }
        }
        return host
    }
}
