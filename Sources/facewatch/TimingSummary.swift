/// The fastest, middle and slowest of repeated timings, in seconds.
struct TimingSummary {
    let minimum: Double
    let median: Double
    let maximum: Double
    let count: Int

    /// `seconds` must not be empty; the median of an even count is the upper middle value.
    init(_ seconds: [Double]) {
        precondition(!seconds.isEmpty, "no timings to summarise")
        let sorted = seconds.sorted()
        minimum = sorted[0]
        median = sorted[sorted.count / 2]
        maximum = sorted[sorted.count - 1]
        count = sorted.count
    }

    /// `{"min":…,"median":…,"max":…}` in milliseconds, each divided by `per` first.
    func jsonMilliseconds(per: Int = 1, decimals: Int = 3) -> String {
        let ms = { (seconds: Double) in JSONText.number(seconds * 1000 / Double(per), decimals: decimals) }
        return JSONText.object([("min", ms(minimum)), ("median", ms(median)), ("max", ms(maximum))])
    }
}
