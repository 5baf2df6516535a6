// Which occurrences an ASFF finding lists. Macie lists the location of at most 15
// occurrences per finding (ClassificationResult.additionalOccurrences: "A finding includes
// location data for a maximum of 15 occurrences of sensitive data"); Trawl spreads those
// 15 fairly over the finding's detections: round-robin in detection order (managed
// identifiers in category and detection order, then custom identifiers), each detection
// giving its occurrences in object order. AdditionalOccurrences is true when any
// detection has more occurrences (by Count) than the finding lists for it.

struct OccurrenceSelection {
    /// Per detection (same order as the input), the occurrences to list.
    var selected: [ArraySlice<Occurrence>]
    var additionalOccurrences: Bool

    init(_ detections: [Detection], limit: Int = ClassificationLimits.occurrencesPerFinding) {
        var taken = [Int](repeating: 0, count: detections.count)
        var total = 0
        var progressed = true
        while total < limit && progressed {
            progressed = false
            for i in detections.indices where total < limit {
                if taken[i] < detections[i].occurrences.count {
                    taken[i] += 1
                    total += 1
                    progressed = true
                }
            }
        }
        selected = detections.indices.map { detections[$0].occurrences.prefix(taken[$0]) }
        additionalOccurrences = detections.indices.contains { i in
            max(detections[i].count, detections[i].occurrences.count) > taken[i]
        }
    }
}
