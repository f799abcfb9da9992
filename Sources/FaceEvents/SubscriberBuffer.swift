/// The bytes waiting for one subscriber, bounded so that a subscriber that stops reading cannot make the
/// daemon hold an ever-growing backlog.
///
/// Publishers append to `queued`; the writer takes the queued bytes as a whole (``takeQueued()``), sends them,
/// and confirms what the socket took. Both parts count towards the limit.
struct SubscriberBuffer {
    let limit: Int
    private(set) var queued: [UInt8] = []
    /// Bytes the writer has taken and not yet confirmed as sent.
    private(set) var inFlight = 0

    init(limit: Int) {
        self.limit = limit
    }

    var pendingCount: Int { queued.count + inFlight }

    /// Appends `bytes` when they fit under the limit; false, appending nothing, when they do not.
    mutating func append(_ bytes: [UInt8]) -> Bool {
        guard pendingCount + bytes.count <= limit else { return false }
        queued.append(contentsOf: bytes)
        return true
    }

    mutating func takeQueued() -> [UInt8] {
        let taken = queued
        queued = []
        inFlight += taken.count
        return taken
    }

    mutating func confirmSent(_ count: Int) {
        inFlight -= min(count, inFlight)
    }
}
