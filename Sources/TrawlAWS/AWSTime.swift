// The timestamp forms SigV4 and the AWS services use: the compact ISO 8601 basic form
// (20150830T123600Z) for X-Amz-Date, its date part for the credential scope, and the
// extended form with or without fractional seconds that STS, ECS and IMDS return.
// Computed with gmtime_r, not DateFormatter, so any thread may call them.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum AWSTime {
    /// "yyyyMMdd'T'HHmmss'Z'" in UTC.
    static func amzDate(_ date: Date) -> String {
        var t = time_t(floor(date.timeIntervalSince1970))
        var tm = tm()
        gmtime_r(&t, &tm)
        func pad(_ v: Int32, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return pad(tm.tm_year + 1900, 4) + pad(tm.tm_mon + 1, 2) + pad(tm.tm_mday, 2) + "T"
            + pad(tm.tm_hour, 2) + pad(tm.tm_min, 2) + pad(tm.tm_sec, 2) + "Z"
    }

    /// Parses ISO 8601 timestamps as AWS returns them ("2015-08-30T12:36:00Z",
    /// "2015-08-30T12:36:00.123Z", "2015-08-30T12:36:00+00:00").
    static func parseISO8601(_ string: String) -> Date? {
        let s = string.trimmingCharacters(in: .whitespaces)
        if let d = try? Date(s, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            return d
        }
        if let d = try? Date(s, strategy: Date.ISO8601FormatStyle()) { return d }
        return nil
    }
}
