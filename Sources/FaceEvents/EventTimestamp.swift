import Foundation

import Glibc

/// The `"ts"` text of an event: UTC, ISO 8601 with milliseconds, `2026-11-29T04:12:33.120Z`.
///
/// A time is rounded to the nearest millisecond; the text read back gives the date whose interval since 1970 is
/// that whole number of milliseconds divided by 1000.
enum EventTimestamp {
    static func text(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        guard milliseconds.isFinite, abs(milliseconds) < 1e17 else { return "1970-01-01T00:00:00.000Z" }
        let total = Int64(milliseconds)
        var seconds = time_t(total.floorDivided(by: 1000))
        let millisecond = Int(total - Int64(seconds) * 1000)
        var fields = tm()
        guard gmtime_r(&seconds, &fields) != nil else { return "1970-01-01T00:00:00.000Z" }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        appendDigits(Int(fields.tm_year) + 1900, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(Int(fields.tm_mon) + 1, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(Int(fields.tm_mday), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        appendDigits(Int(fields.tm_hour), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(Int(fields.tm_min), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(Int(fields.tm_sec), width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        appendDigits(millisecond, width: 3, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads `YYYY-MM-DDTHH:MM:SS[.fraction]Z` (the fraction of 1 to 9 digits is rounded to milliseconds);
    /// nil for anything else, an impossible date (February 30th) included.
    static func date(from text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z") else { return nil }
        let separators: [(Int, UInt8)] = [
            (4, UInt8(ascii: "-")), (7, UInt8(ascii: "-")), (10, UInt8(ascii: "T")),
            (13, UInt8(ascii: ":")), (16, UInt8(ascii: ":")),
        ]
        for (index, expected) in separators where bytes[index] != expected { return nil }
        guard let year = number(bytes, 0..<4), let month = number(bytes, 5..<7), let day = number(bytes, 8..<10),
              let hour = number(bytes, 11..<13), let minute = number(bytes, 14..<16),
              let second = number(bytes, 17..<19)
        else { return nil }

        var millisecond = 0
        let fractionEnd = bytes.count - 1
        if fractionEnd > 19 {
            let fractionDigits = fractionEnd - 20
            guard bytes[19] == UInt8(ascii: "."), (1...9).contains(fractionDigits),
                  let fraction = number(bytes, 20..<fractionEnd)
            else { return nil }
            var scale = 1.0
            for _ in 0..<fractionDigits { scale *= 10 }
            millisecond = Int((Double(fraction) * 1000 / scale).rounded())
        } else if fractionEnd != 19 {
            return nil
        }

        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        var fields = tm()
        fields.tm_year = Int32(year - 1900)
        fields.tm_mon = Int32(month - 1)
        fields.tm_mday = Int32(day)
        fields.tm_hour = Int32(hour)
        fields.tm_min = Int32(minute)
        fields.tm_sec = Int32(second)
        let seconds = timegm(&fields)
        guard fields.tm_mday == Int32(day), fields.tm_mon == Int32(month - 1) else { return nil }
        let milliseconds = Int64(seconds) * 1000 + Int64(millisecond)
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    private static func number(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        var value = 0
        for byte in bytes[range] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func appendDigits(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        let digits = Array(String(value).utf8)
        if digits.count < width {
            bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count))
        }
        bytes.append(contentsOf: digits)
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
