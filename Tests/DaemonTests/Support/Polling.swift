import Foundation

/// Checks `condition` every `interval` seconds until it holds or `seconds` have passed; its last value.
func eventually(within seconds: Double, interval: Double = 0.02, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date(timeIntervalSinceNow: seconds)
    while Date() < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: interval)
    }
    return try condition()
}
