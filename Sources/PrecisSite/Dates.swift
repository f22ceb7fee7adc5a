import Foundation

/// Publication dates as pages and feeds write them.
public enum Dates {
    private static let utc = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current

    /// An ISO 8601 date (`2026-03-04`), date and time (`2026-03-04T08:30`, `...:00Z`,
    /// `...:00.250+01:00`); times without a zone are taken as UTC. Nil when it is not one.
    public static func iso8601(_ text: String) -> Date? {
        let s = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= s.count, range.allSatisfy({ s[$0] >= 0x30 && s[$0] <= 0x39 }) else {
                return nil
            }
            return range.reduce(0) { $0 * 10 + Int(s[$1] - 0x30) }
        }
        guard let year = number(0..<4), s.count >= 10, s[4] == 0x2D, let month = number(5..<7), s[7] == 0x2D,
            let day = number(8..<10), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var components = DateComponents(year: year, month: month, day: day)
        var offset = 0
        var i = 10
        if i < s.count && (s[i] == 0x54 || s[i] == 0x20) {
            guard let hour = number((i + 1)..<(i + 3)), i + 3 < s.count, s[i + 3] == 0x3A,
                let minute = number((i + 4)..<(i + 6)), hour < 24, minute < 60
            else { return nil }
            components.hour = hour
            components.minute = minute
            i += 6
            if i < s.count && s[i] == 0x3A, let second = number((i + 1)..<(i + 3)), second < 61 {
                components.second = second
                i += 3
                if i < s.count && (s[i] == 0x2E || s[i] == 0x2C) {
                    var j = i + 1
                    var fraction = 0.0
                    var scale = 0.1
                    while j < s.count && s[j] >= 0x30 && s[j] <= 0x39 {
                        fraction += Double(s[j] - 0x30) * scale
                        scale /= 10
                        j += 1
                    }
                    components.nanosecond = Int(fraction * 1e9)
                    i = j
                }
            }
            if i < s.count {
                if s[i] == 0x5A || s[i] == 0x7A {
                    i += 1
                } else if s[i] == 0x2B || s[i] == 0x2D, let hours = number((i + 1)..<(i + 3)) {
                    var minutes = 0
                    if i + 3 < s.count && s[i + 3] == 0x3A, let m = number((i + 4)..<(i + 6)) {
                        minutes = m
                    } else if let m = number((i + 3)..<(i + 5)) {
                        minutes = m
                    }
                    offset = (hours * 60 + minutes) * 60 * (s[i] == 0x2D ? -1 : 1)
                }
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        guard let date = calendar.date(from: components) else { return nil }
        return date.addingTimeInterval(TimeInterval(-offset))
    }

    /// An RFC 822 date as RSS writes it: `Tue, 10 Jun 2003 04:00:00 GMT`, `10 Jun 2003 04:00 +0200`.
    public static func rfc822(_ text: String) -> Date? {
        let value = text.trimmingCharacters(in: .whitespaces)
        for format in [
            "EEE, d MMM yyyy HH:mm:ss zzz", "EEE, d MMM yyyy HH:mm:ss Z", "d MMM yyyy HH:mm:ss Z",
            "d MMM yyyy HH:mm:ss zzz", "EEE, d MMM yyyy HH:mm zzz", "EEE, d MMM yyyy HH:mm Z", "EEE, d MMM yyyy",
        ] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = utc
            formatter.dateFormat = format
            if let date = formatter.date(from: value) { return date }
        }
        return nil
    }

    /// ISO 8601 or RFC 822, whichever the text is.
    public static func parse(_ text: String) -> Date? { iso8601(text) ?? rfc822(text) }
}
