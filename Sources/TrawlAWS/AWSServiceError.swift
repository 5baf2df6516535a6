// What an AWS service said when it refused a call, parsed from the two error forms Trawl
// meets: the JSON protocols ("__type"/"code", "message"/"Message", the x-amzn-ErrorType
// header; Security Hub) and the Query/REST-XML protocols (<Error><Code>/<Message>; STS, S3).
// The message is the service's own text; it never holds request secrets.
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

public struct AWSServiceError: Error, Sendable, CustomStringConvertible {
    public var status: Int
    /// The error code without namespace ("ThrottlingException", "AccessDenied"), if any.
    public var code: String?
    public var message: String?
    public var requestId: String?
    /// The service or operation, for messages ("sts AssumeRole").
    public var operation: String?
    /// S3: the region the bucket is in, when the answer says (x-amz-bucket-region, or the
    /// error's <Region>): a request sent to another region's endpoint is redirected by it.
    public var bucketRegion: String?

    public init(status: Int, code: String?, message: String?, requestId: String? = nil, operation: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.requestId = requestId
        self.operation = operation
    }

    public var description: String {
        var s = operation.map { "\($0) failed: " } ?? ""
        s += "HTTP \(status)"
        if let code { s += " \(code)" }
        if let message, !message.isEmpty { s += ": \(message)" }
        if let requestId { s += " (request id \(requestId))" }
        return s
    }

    /// Parses an error response; whatever cannot be parsed leaves code/message nil.
    public static func parse(_ response: AWSHTTPResponse, operation: String? = nil) -> AWSServiceError {
        var code: String?
        var message: String?
        let requestId = response.header("x-amzn-RequestId") ?? response.header("x-amz-request-id")
        if let headerType = response.header("x-amzn-ErrorType") {
            code = normalizeCode(headerType)
        }
        let body = response.body
        let firstByte = body.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
        if firstByte == UInt8(ascii: "{"),
           let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] {
            if code == nil {
                let raw = (object["__type"] as? String) ?? (object["code"] as? String) ?? (object["Code"] as? String)
                code = raw.map(normalizeCode)
            }
            message = (object["message"] as? String) ?? (object["Message"] as? String) ?? (object["errorMessage"] as? String)
        } else if firstByte == UInt8(ascii: "<") {
            let fields = SimpleXML.fields(body)
            if code == nil { code = fields["Code"] }
            message = fields["Message"]
            var error = AWSServiceError(status: response.status, code: code, message: message,
                                        requestId: requestId ?? fields["RequestId"], operation: operation)
            error.bucketRegion = response.header("x-amz-bucket-region") ?? fields["Region"]
            return error
        }
        var error = AWSServiceError(status: response.status, code: code, message: message, requestId: requestId,
                                    operation: operation)
        error.bucketRegion = response.header("x-amz-bucket-region")
        return error
    }

    /// "aws.protocoltests#ThrottlingException:http://..." -> "ThrottlingException".
    static func normalizeCode(_ raw: String) -> String {
        var s = Substring(raw)
        if let colon = s.firstIndex(of: ":") { s = s[..<colon] }
        if let hash = s.lastIndex(of: "#") { s = s[s.index(after: hash)...] }
        return String(s).trimmingCharacters(in: .whitespaces)
    }
}

/// Reads the leaf elements of a small XML document (Query protocol responses) into a
/// name -> text map; the first occurrence of a name wins. Enough for STS's flat shapes.
enum SimpleXML {
    static func fields(_ data: Data) -> [String: String] {
        let delegate = Collector()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        _ = parser.parse()
        return delegate.fields
    }

    final class Collector: NSObject, XMLParserDelegate {
        var fields: [String: String] = [:]
        var text = ""
        var sawChild = false

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            text = ""
            sawChild = false
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text += string
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?) {
            if !sawChild, fields[elementName] == nil {
                fields[elementName] = text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            sawChild = true
            text = ""
        }
    }
}
