// OOXMLText: the text of Word documents and PowerPoint presentations, part by
// part, as UTF-8 lines (one paragraph per line).
//
// Which parts, in which order:
// - docx: the main document, then headers, footers (numerically: header2 before
//   header10), footnotes, endnotes, comments. `w:p` ends a line, `w:tab` in a run
//   is a tab, `w:br`/`w:cr` in a run a line break; `w:t` holds the text. Tab stops
//   (`w:tabs/w:tab` in paragraph properties) are not text. The fallback half of
//   mc:AlternateContent repeats the choice half (text boxes), so it is skipped.
// - pptx: slides by number (ppt/slides/slideN.xml, N numerically), then notes
//   slides by number. `a:p` ends a line, `a:br` is a line break, `a:t` the text.
//
// Every part is parsed as it streams out of the zip; only its text is kept.

/// The text of one part.
public struct OOXMLTextPart: Sendable, Equatable {
    /// The part name as stored in the package (`word/header1.xml`).
    public let part: String
    /// UTF-8, one line per paragraph, each ending in "\n".
    public let text: [UInt8]
}

/// What `readText` read: the parts in reading order, and why it stopped early
/// if it did.
public struct OOXMLTextResult: Sendable, Equatable {
    public var parts: [OOXMLTextPart]
    /// Set when reading stopped before the end: a limit (`.ratioExceeded`,
    /// `.totalBytesExceeded`), XML that is not well-formed, a damaged zip, or a
    /// missing main part. `parts` then holds everything read before, including
    /// the text of the part being read when it happened, so nothing read is lost.
    public var damage: OOXMLError?

    /// All parts' text joined in reading order.
    public var text: [UInt8] {
        var out: [UInt8] = []
        for part in parts { out.append(contentsOf: part.text) }
        return out
    }
}

extension OOXMLReader {
    /// The text of a Word document or a presentation, part by part, in reading
    /// order (see the file's header). Damage is reported in the result, with the
    /// text read before it; this throws only for a spreadsheet (use
    /// `forEachCell`) or an error that is not about the package.
    public func readText() throws -> OOXMLTextResult {
        let selection: TextPartSelection
        switch kind {
        case .wordprocessing: selection = .word(directory: mainDirectory, mainPart: mainPart)
        case .presentation: selection = .presentation(directory: mainDirectory)
        case .spreadsheet: throw OOXMLError.malformed("a spreadsheet has cells, not text parts")
        }
        var found: [(rank: TextPartSelection.Rank, part: OOXMLTextPart)] = []
        var damage: OOXMLError?
        do {
            try walk { name, source in
                guard let rank = selection.rank(of: name) else { return true }
                let handler = ParagraphTextHandler(style: selection.style)
                defer { found.append((rank, OOXMLTextPart(part: name, text: handler.output))) }
                try OOXMLPartParser.parse(source, part: name, with: handler)
                return true
            }
        } catch let error as OOXMLError {
            damage = error
        }
        if damage == nil && kind == .wordprocessing && !found.contains(where: { $0.rank.group == 0 }) {
            damage = .malformed("main part \(mainPart) missing")
        }
        return OOXMLTextResult(parts: found.sorted { $0.rank < $1.rank }.map(\.part), damage: damage)
    }
}

/// Which parts hold text, and their reading order.
private enum TextPartSelection {
    case word(directory: String, mainPart: String)
    case presentation(directory: String)

    struct Rank: Comparable {
        var group: Int
        var number: Int
        var name: String
        static func < (a: Rank, b: Rank) -> Bool {
            (a.group, a.number, a.name) < (b.group, b.number, b.name)
        }
    }

    var style: ParagraphTextHandler.Style {
        switch self {
        case .word: return .word
        case .presentation: return .drawing
        }
    }

    func rank(of name: String) -> Rank? {
        let lower = name.lowercased()
        switch self {
        case .word(let directory, let mainPart):
            if lower == mainPart.lowercased() { return Rank(group: 0, number: 0, name: lower) }
            let dir = directory.lowercased()
            guard lower.hasPrefix(dir) else { return nil }
            let file = String(lower.dropFirst(dir.count))
            if let n = partNumber(file, prefix: "header") { return Rank(group: 1, number: n, name: lower) }
            if let n = partNumber(file, prefix: "footer") { return Rank(group: 2, number: n, name: lower) }
            switch file {
            case "footnotes.xml": return Rank(group: 3, number: 0, name: lower)
            case "endnotes.xml": return Rank(group: 4, number: 0, name: lower)
            case "comments.xml": return Rank(group: 5, number: 0, name: lower)
            default: return nil
            }
        case .presentation(let directory):
            let dir = directory.lowercased()
            if let n = partNumber(lower, prefix: dir + "slides/slide") { return Rank(group: 0, number: n, name: lower) }
            if let n = partNumber(lower, prefix: dir + "notesslides/notesslide") { return Rank(group: 1, number: n, name: lower) }
            return nil
        }
    }
}

/// Collects the text of `t` elements, one line per `p` element.
final class ParagraphTextHandler: OOXMLPartHandler {
    enum Style {
        /// WordprocessingML: breaks and tabs are children of a run (`w:r`).
        case word
        /// DrawingML (slides, notes): `a:br` is a child of the paragraph; tabs are
        /// characters in the text.
        case drawing
    }

    private let style: Style
    private(set) var output: [UInt8] = []
    /// Local names of the open elements.
    private var stack: [String] = []
    /// Depth of open `t` elements (text is kept only inside one).
    private var inText = 0
    /// Depth of open skipped subtrees (mc:Fallback).
    private var skipped = 0

    init(style: Style) {
        self.style = style
    }

    override func start(_ name: String, _ attributes: [String: String]) throws {
        let parent = stack.last
        stack.append(name)
        if name == "Fallback" { skipped += 1 }
        guard skipped == 0 else { return }
        switch (style, name) {
        case (_, "t"):
            inText += 1
        case (.word, "tab") where parent == "r":
            output.append(0x09)
        case (.word, "br") where parent == "r", (.word, "cr") where parent == "r", (.drawing, "br"):
            output.append(0x0A)
        default:
            break
        }
    }

    override func end(_ name: String) throws {
        if !stack.isEmpty { stack.removeLast() }
        if name == "Fallback" {
            skipped -= 1
            return
        }
        guard skipped == 0 else { return }
        if name == "t" {
            inText = max(0, inText - 1)
        } else if name == "p" {
            output.append(0x0A)
        }
    }

    override func text(_ string: String) {
        guard inText > 0, skipped == 0 else { return }
        output.append(contentsOf: string.utf8)
    }
}
