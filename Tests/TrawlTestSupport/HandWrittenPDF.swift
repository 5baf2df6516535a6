// A PDF written by hand for tests (objects, content streams and the cross-reference
// table with its byte offsets computed from the text), so a test knows each page's
// text without any PDF library having produced the file.

import Foundation

/// A minimal PDF 1.4 writer: one Helvetica font, one page per entry of `pages`,
/// each page drawing its lines with Tj (nil = a page without a content stream).
public func handWrittenPDF(pages: [[String]?]) -> [UInt8] {
    var objects: [String] = []  // object k + 1
    let fontID = 3
    objects.append("<< /Type /Catalog /Pages 2 0 R >>")
    objects.append("")  // the page tree, filled in once the page ids are known
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    var pageIDs: [Int] = []
    for lines in pages {
        var contentRef = ""
        if let lines {
            var stream = "BT /F1 12 Tf 72 720 Td 14 TL\n"
            for (k, line) in lines.enumerated() {
                stream += (k == 0 ? "" : "T* ") + "(\(line)) Tj\n"
            }
            stream += "ET\n"
            objects.append("<< /Length \(stream.utf8.count) >>\nstream\n\(stream)endstream")
            contentRef = " /Contents \(objects.count) 0 R"
        }
        objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 \(fontID) 0 R >> >>\(contentRef) >>")
        pageIDs.append(objects.count)
    }
    objects[1] = "<< /Type /Pages /Kids [\(pageIDs.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pageIDs.count) >>"

    var out = "%PDF-1.4\n"
    var offsets: [Int] = []
    for (k, body) in objects.enumerated() {
        offsets.append(out.utf8.count)
        out += "\(k + 1) 0 obj\n\(body)\nendobj\n"
    }
    let xref = out.utf8.count
    out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
    for offset in offsets { out += String(format: "%010d 00000 n \n", offset) }
    out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
    return Array(out.utf8)
}

