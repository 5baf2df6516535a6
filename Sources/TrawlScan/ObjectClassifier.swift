// Turns the matches found in one object into Macie's classification: counts per
// detection type, up to 1,000 located occurrences per type, categories, and the
// severity per Macie's occurrence table (the highest over all types wins).
// One per worker; its per-type arrays are reused from object to object.

import TrawlDetectors
import TrawlFindings
import TrawlFormats

final class ObjectClassifier {
    let types: [ReportedType]
    @exclusivity(unchecked) private var counts: [Int]
    @exclusivity(unchecked) private var occurrences: [[Occurrence]]
    @exclusivity(unchecked) private var touched: [Int] = []

    init(types: [ReportedType]) {
        self.types = types
        counts = Array(repeating: 0, count: types.count)
        occurrences = Array(repeating: [], count: types.count)
    }

    func reset() {
        page = nil
        offsetMap = nil
        for t in touched {
            counts[t] = 0
            occurrences[t].removeAll(keepingCapacity: true)
        }
        touched.removeAll(keepingCapacity: true)
    }

    /// When set, text occurrences are reported on this PDF page (with their line in it).
    @exclusivity(unchecked) var page: Int?

    /// When set, the text being scanned was width-normalised: offsets are turned back
    /// into offsets of the decoded text.
    @exclusivity(unchecked) var offsetMap: WidthOffsetMap?

    @inline(__always)
    func record(typeIndex t: Int, location: OccurrenceLocation, offset: Int) {
        if counts[t] == 0 { touched.append(t) }
        counts[t] += 1
        if occurrences[t].count < ClassificationLimits.occurrencesPerType {
            var location = location
            if let page, case let .line(start, end, column) = location {
                location = .page(number: page, start: start, end: end, startColumn: column)
            }
            let original = offsetMap.map { $0.originalOffset(offset) } ?? offset
            occurrences[t].append(Occurrence(location: location, offset: original))
        }
    }

    /// What has been recorded so far, to drop later what one nested part added.
    struct Mark {
        fileprivate let touchedCount: Int
        fileprivate let counts: [(type: Int, count: Int, listed: Int)]
    }

    func mark() -> Mark {
        Mark(touchedCount: touched.count, counts: touched.map { ($0, counts[$0], occurrences[$0].count) })
    }

    /// Forget everything recorded after `mark` (a member Macie would skip as a whole).
    func rollback(to mark: Mark) {
        for t in touched[mark.touchedCount...] {
            counts[t] = 0
            occurrences[t].removeAll(keepingCapacity: true)
        }
        touched.removeSubrange(mark.touchedCount...)
        for (t, count, listed) in mark.counts {
            counts[t] = count
            occurrences[t].removeSubrange(listed...)
        }
    }

    /// Add what `other` found in a later part of the same object, whose line 1 is line
    /// `lineShift + 1` of the object.
    func merge(_ other: ObjectClassifier, lineShift: Int) {
        for t in other.touched {
            if counts[t] == 0 { touched.append(t) }
            counts[t] += other.counts[t]
            for o in other.occurrences[t] where occurrences[t].count < ClassificationLimits.occurrencesPerType {
                var shifted = o
                if case let .line(start, end, column) = o.location {
                    shifted.location = .line(start: start + lineShift, end: end + lineShift, startColumn: column)
                }
                occurrences[t].append(shifted)
            }
        }
    }

    var totalMatches: Int { touched.reduce(0) { $0 + counts[$1] } }

    /// The sensitive data of the object, grouped by category (in DataCategory order,
    /// detections in the detector catalogue's order), and its severity.
    func summarize() -> (sensitiveData: [SensitiveDataItem], custom: [Detection], severity: SeverityLevel?) {
        var severity: SeverityLevel?
        var items: [SensitiveDataItem] = []
        let order = touched.sorted()
        // Custom identifiers: reported apart, each only from its lowest occurrence threshold on.
        var custom: [Detection] = []
        for t in order where types[t].category == .customIdentifier {
            guard let level = types[t].severity.level(forCount: counts[t]) else { continue }
            severity = max(severity ?? level, level)
            custom.append(Detection(type: types[t].id, count: counts[t], occurrences: occurrences[t], name: types[t].id))
        }
        for category in DataCategory.allCases where category != .customIdentifier {
            var detections: [Detection] = []
            var total = 0
            for t in order where types[t].category == category {
                detections.append(Detection(type: types[t].id, count: counts[t], occurrences: occurrences[t]))
                total += counts[t]
                if let level = types[t].severity.level(forCount: counts[t]) {
                    severity = max(severity ?? level, level)
                }
            }
            if !detections.isEmpty {
                items.append(SensitiveDataItem(category: category, totalCount: total, detections: detections))
            }
        }
        return (items, custom, severity)
    }
}
