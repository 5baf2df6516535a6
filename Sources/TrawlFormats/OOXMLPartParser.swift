// OOXMLPartParser: runs FoundationXML's XMLParser (libxml2's SAX parser
// underneath) over one part of an Office Open XML package, streamed from a
// `ByteSource`, and turns its outcome into OOXMLError.
//
// Why it exists: the XML of a part is parsed incrementally (a sheet of a large
// workbook never sits in memory whole): XMLParser(stream:) pulls 4 KiB chunks
// from an InputStream, so this file adapts a ByteSource to InputStream and keeps
// the upstream's own error (a limit, a damaged zip) to rethrow it. libxml2's C
// headers cannot be imported next to Foundation here (they clash with its ICU
// module), so XMLParser is the way to reach libxml2. Its parse() result is not
// reliable (recover mode), so errors are taken from the delegate callbacks.
// Elements are matched by local name (namespace processing on): producers differ
// in prefixes (w:, x:, a default namespace), never in local names. Entities:
// libxml2 refuses exponential entity expansion, and no external entity or DTD is
// ever loaded (XMLParser's default policy).

import Foundation
import FoundationXML

/// Base class of the per-part SAX handlers: subclasses override `start`, `end`
/// and `text`. A handler that must stop the parse sets `failure`.
class OOXMLPartHandler: NSObject, XMLParserDelegate {
    /// An error raised by the handler itself (e.g. a caller's callback threw).
    var failure: (any Error)?
    fileprivate var parseError: NSError?
    fileprivate var sawRootElement = false

    func start(_ name: String, _ attributes: [String: String]) throws {}
    func end(_ name: String) throws {}
    func text(_ string: String) {}

    final func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                      qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        sawRootElement = true
        guard failure == nil else { return }
        do { try start(elementName, attributeDict) } catch { failure = error; parser.abortParsing() }
    }

    final func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                      qualifiedName qName: String?) {
        guard failure == nil else { return }
        do { try end(elementName) } catch { failure = error; parser.abortParsing() }
    }

    final func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard failure == nil else { return }
        text(string)
    }

    final func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard failure == nil else { return }
        text(String(decoding: CDATABlock, as: UTF8.self))
    }

    final func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if self.parseError == nil { self.parseError = parseError as NSError }
    }
}

/// The value of the attribute with this local name (`r:id` is found as "id";
/// an unprefixed attribute wins over a prefixed one).
func attribute(_ attributes: [String: String], _ localName: String) -> String? {
    if let value = attributes[localName] { return value }
    for (key, value) in attributes where key.hasSuffix(localName) {
        let prefixEnd = key.index(key.endIndex, offsetBy: -localName.count)
        if prefixEnd > key.startIndex && key[key.index(before: prefixEnd)] == ":" { return value }
    }
    return nil
}

enum OOXMLPartParser {
    /// Parses the part `name` read from `source` with `handler`. Throws the
    /// source's error (limits, zip damage), the handler's, or
    /// `OOXMLError.malformed` for XML that is not well-formed or has no element.
    static func parse(_ source: some ByteSource, part name: String, with handler: OOXMLPartHandler) throws {
        let stream = ByteSourceInputStream(source)
        let parser = XMLParser(stream: stream)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = handler
        _ = parser.parse()
        parser.delegate = nil
        if let failure = stream.failure { throw failure }
        if let failure = handler.failure { throw failure }
        if let error = handler.parseError {
            throw OOXMLError.malformed("\(name): XML not well-formed (libxml2 error \(error.code), line \(parser.lineNumber))")
        }
        if !handler.sawRootElement { throw OOXMLError.malformed("\(name): no XML element") }
    }
}

/// A `ByteSource` as the InputStream that XMLParser(stream:) pulls from.
/// An upstream error ends the stream (read returns -1) and is kept in `failure`.
private final class ByteSourceInputStream: InputStream {
    private var source: any ByteSource
    private(set) var failure: (any Error)?
    private var ended = false

    init(_ source: some ByteSource) {
        self.source = source
        super.init(data: Data())
    }

    override func open() {}
    override func close() {}
    override var hasBytesAvailable: Bool { !ended && failure == nil }
    override var streamStatus: Stream.Status {
        if failure != nil { return .error }
        return ended ? .atEnd : .open
    }
    // XMLParser asks for it after a failed read; the base class would consult a
    // CFReadStream this subclass does not have.
    override var streamError: (any Error)? { failure }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength len: Int) -> Int {
        if failure != nil { return -1 }
        guard !ended, len > 0 else { return 0 }
        do {
            let n = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: len))
            if n == 0 { ended = true }
            return n
        } catch {
            failure = error
            return -1
        }
    }
}
