// OOXMLSpreadsheet: the cells of an Excel workbook (xlsx, xlsm, xltx), streamed
// sheet by sheet in workbook order, row by row, to a callback.
//
// What is read: xl/workbook.xml (sheet names and order) with
// xl/_rels/workbook.xml.rels (each sheet's part), the shared strings table (rich
// text runs joined, phonetic runs skipped), then every worksheet part. A cell's
// position comes from its `r` attribute ("C7": column 3, row 7); without one, the
// cell follows the previous one in its row (and a row without `r` follows the
// previous row). Its text: the shared string (`t="s"`), the inline string
// (`t="inlineStr"`), the formula's cached string (`t="str"`), TRUE/FALSE for
// booleans (`t="b"`), otherwise the value as written (numbers, ISO dates, error
// codes). Formulas themselves are not text. Empty cells are not delivered.
//
// Memory: the shared strings table is held (every sheet may refer to any entry);
// sheets are never held: each cell goes to the callback as it is parsed. The
// workbook parts are read in a first pass, because sharedStrings.xml may follow
// the sheets in zip order; sheets whose zip order differs from the workbook's
// cost one more pass each.

/// One non-empty cell.
public struct SpreadsheetCell: Sendable, Equatable {
    /// 0-based position of the sheet in the workbook (`sheetNames`).
    public var sheetIndex: Int
    public var sheetName: String
    /// 1-based row, as in Excel.
    public var row: Int
    /// 1-based column (A = 1).
    public var column: Int
    public var text: String

    public init(sheetIndex: Int, sheetName: String, row: Int, column: Int, text: String) {
        self.sheetIndex = sheetIndex
        self.sheetName = sheetName
        self.row = row
        self.column = column
        self.text = text
    }
}

/// A workbook's sheets, in workbook order.
public struct SpreadsheetSheet: Sendable, Equatable {
    public let name: String
    /// The worksheet part (`xl/worksheets/sheet1.xml`); nil for a sheet without
    /// cells (chart sheet, dialog sheet) or a dangling relationship.
    public let part: String?
}

extension OOXMLReader {
    /// The workbook's sheets in workbook order (one pass over the zip).
    public func sheets() throws -> [SpreadsheetSheet] {
        try readWorkbook().sheets
    }

    /// Streams every non-empty cell, sheet by sheet in workbook order, row by row,
    /// to `body`. An error thrown by `body` stops the walk and is rethrown.
    /// Throws `.malformed` for a document that is not a spreadsheet, a workbook or
    /// sheet that is not well-formed, a missing worksheet part or a shared string
    /// index out of range (the cells delivered before were correct).
    public func forEachCell(_ body: (SpreadsheetCell) throws -> Void) throws {
        let workbook = try readWorkbook()
        let pending = workbook.sheets.enumerated().compactMap { index, sheet in
            sheet.part.map { (index: index, name: sheet.name, part: $0.lowercased()) }
        }
        var next = 0
        // The handlers hold the callback only while this call runs.
        try withoutActuallyEscaping(body) { body in
            while next < pending.count {
                let before = next
                try walk { name, source in
                    guard name.lowercased() == pending[next].part else { return true }
                    let sheet = pending[next]
                    let handler = WorksheetHandler(sheetIndex: sheet.index, sheetName: sheet.name,
                                                   sharedStrings: workbook.sharedStrings, body: body)
                    try OOXMLPartParser.parse(source, part: name, with: handler)
                    next += 1
                    return next < pending.count
                }
                if next == before {
                    throw OOXMLError.malformed("worksheet part \(pending[next].part) missing")
                }
            }
        }
    }

    struct Workbook {
        var sheets: [SpreadsheetSheet]
        var sharedStrings: [String]
    }

    /// Reads the workbook, its relationships and the shared strings: one pass,
    /// or two when the shared strings part is not at its usual name.
    func readWorkbook() throws -> Workbook {
        guard kind == .spreadsheet else { throw OOXMLError.malformed("not a spreadsheet") }
        let directory = mainDirectory
        let relsPart = (directory + "_rels/" + String(mainPart.dropFirst(directory.count)) + ".rels").lowercased()
        let defaultSharedStrings = (directory + "sharedStrings.xml").lowercased()
        let workbookHandler = WorkbookHandler()
        let relsHandler = RelationshipsHandler()
        var sharedStrings: SharedStringsHandler?
        var sawWorkbook = false

        try walk { name, source in
            switch name.lowercased() {
            case mainPart.lowercased():
                try OOXMLPartParser.parse(source, part: name, with: workbookHandler)
                sawWorkbook = true
            case relsPart:
                try OOXMLPartParser.parse(source, part: name, with: relsHandler)
            case defaultSharedStrings:
                let handler = SharedStringsHandler()
                try OOXMLPartParser.parse(source, part: name, with: handler)
                sharedStrings = handler
            default:
                break
            }
            return true
        }
        guard sawWorkbook else { throw OOXMLError.malformed("main part \(mainPart) missing") }

        var byID: [String: String] = [:]
        var sharedStringsPart: String?
        for rel in relsHandler.relationships where !rel.external {
            let part = resolvePartName(rel.target, from: directory)
            if rel.type.hasSuffix("/worksheet") { byID[rel.id] = part }
            if rel.type.hasSuffix("/sharedStrings") { sharedStringsPart = part.lowercased() }
        }
        if let wanted = sharedStringsPart, wanted != defaultSharedStrings {
            sharedStrings = nil
            try walk { name, source in
                guard name.lowercased() == wanted else { return true }
                let handler = SharedStringsHandler()
                try OOXMLPartParser.parse(source, part: name, with: handler)
                sharedStrings = handler
                return false
            }
        }
        let sheets = workbookHandler.sheets.map { sheet in
            SpreadsheetSheet(name: sheet.name, part: sheet.relationshipID.flatMap { byID[$0] })
        }
        return Workbook(sheets: sheets, sharedStrings: sharedStrings?.strings ?? [])
    }
}

/// xl/workbook.xml: `sheets/sheet` elements in order.
private final class WorkbookHandler: OOXMLPartHandler {
    var sheets: [(name: String, relationshipID: String?)] = []

    override func start(_ name: String, _ attributes: [String: String]) throws {
        guard name == "sheet" else { return }
        sheets.append((attribute(attributes, "name") ?? "", attribute(attributes, "id")))
    }
}

/// A relationships part (`_rels/*.rels`).
private final class RelationshipsHandler: OOXMLPartHandler {
    var relationships: [(id: String, type: String, target: String, external: Bool)] = []

    override func start(_ name: String, _ attributes: [String: String]) throws {
        guard name == "Relationship", let id = attribute(attributes, "Id"),
              let target = attribute(attributes, "Target") else { return }
        relationships.append((id, attribute(attributes, "Type") ?? "", target,
                              attribute(attributes, "TargetMode") == "External"))
    }
}

/// xl/sharedStrings.xml: one string per `si`, the text of its `t` elements
/// (plain, or one per rich text run `r`), phonetic guides (`rPh`) skipped.
private final class SharedStringsHandler: OOXMLPartHandler {
    var strings: [String] = []
    private var current = ""
    private var inItem = false
    private var inText = false
    private var phonetic = 0

    override func start(_ name: String, _ attributes: [String: String]) throws {
        switch name {
        case "si": inItem = true; current = ""
        case "rPh": phonetic += 1
        case "t": inText = inItem && phonetic == 0
        default: break
        }
    }

    override func end(_ name: String) throws {
        switch name {
        case "si": strings.append(current); inItem = false
        case "rPh": phonetic -= 1
        case "t": inText = false
        default: break
        }
    }

    override func text(_ string: String) {
        if inText { current += string }
    }
}

/// A worksheet part: `sheetData/row/c` with `v` (value) or `is` (inline string).
private final class WorksheetHandler: OOXMLPartHandler {
    let sheetIndex: Int
    let sheetName: String
    let sharedStrings: [String]
    let body: (SpreadsheetCell) throws -> Void

    private var row = 0
    private var column = 0
    private var inCell = false
    private var cellRow = 0
    private var cellColumn = 0
    private var cellType = ""
    private var value = ""
    private var inValue = false
    private var inInline = false
    private var inInlineText = false
    private var phonetic = 0

    init(sheetIndex: Int, sheetName: String, sharedStrings: [String], body: @escaping (SpreadsheetCell) throws -> Void) {
        self.sheetIndex = sheetIndex
        self.sheetName = sheetName
        self.sharedStrings = sharedStrings
        self.body = body
    }

    override func start(_ name: String, _ attributes: [String: String]) throws {
        switch name {
        case "row":
            row = attribute(attributes, "r").flatMap { Int($0) } ?? row + 1
            column = 0
        case "c":
            inCell = true
            value = ""
            cellType = attribute(attributes, "t") ?? "n"
            if let reference = attribute(attributes, "r"), let (c, r) = Self.parseReference(reference) {
                cellColumn = c
                cellRow = r ?? row
            } else {
                cellColumn = column + 1
                cellRow = row
            }
            column = cellColumn
        case "v":
            inValue = inCell
        case "is":
            inInline = inCell
        case "rPh":
            phonetic += 1
        case "t":
            inInlineText = inInline && phonetic == 0
        default:
            break
        }
    }

    override func end(_ name: String) throws {
        switch name {
        case "v": inValue = false
        case "is": inInline = false
        case "rPh": phonetic -= 1
        case "t": inInlineText = false
        case "c":
            inCell = false
            let text = try cellText()
            if !text.isEmpty {
                try body(SpreadsheetCell(sheetIndex: sheetIndex, sheetName: sheetName,
                                         row: cellRow, column: cellColumn, text: text))
            }
        default:
            break
        }
    }

    override func text(_ string: String) {
        if inValue || inInlineText { value += string }
    }

    private func cellText() throws -> String {
        switch cellType {
        case "s":
            let trimmed = value.trimmingASCIIWhitespace()
            guard !trimmed.isEmpty else { return "" }
            guard let index = Int(trimmed), index >= 0, index < sharedStrings.count else {
                throw OOXMLError.malformed("shared string index out of range in \(sheetName)")
            }
            return sharedStrings[index]
        case "b":
            switch value.trimmingASCIIWhitespace() {
            case "1": return "TRUE"
            case "0": return "FALSE"
            default: return value
            }
        default:
            // "inlineStr" (collected from is/t), "str", "n", "d", "e": as written.
            return value
        }
    }

    /// "C7" -> (3, 7); "C" -> (3, nil). Nil when the reference is not letters then
    /// digits, or out of Excel's range.
    static func parseReference(_ reference: String) -> (column: Int, row: Int?)? {
        var column = 0
        var row = 0
        var digits = 0
        for byte in reference.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0:
                column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
            case UInt8(ascii: "a")...UInt8(ascii: "z") where digits == 0:
                column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            default:
                return nil
            }
            if column > 16_384 || row > 1_048_576 { return nil }
        }
        guard column > 0 else { return nil }
        return (column, digits > 0 ? row : nil)
    }
}

private extension String {
    func trimmingASCIIWhitespace() -> Substring {
        var s = self[...]
        while let c = s.first, c == " " || c == "\n" || c == "\t" || c == "\r" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\n" || c == "\t" || c == "\r" { s.removeLast() }
        return s
    }
}
