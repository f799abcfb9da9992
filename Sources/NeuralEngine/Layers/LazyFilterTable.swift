import Synchronization

/// A transformed-filter table made the first time a kernel needs it, then shared by every thread: for tables
/// that most layers never use (a network loaded for one purpose holds none of them).
final class LazyFilterTable: Sendable {
    private let table = Mutex<[Float]?>(nil)
    private let make: @Sendable () -> [Float]

    init(_ make: @escaping @Sendable () -> [Float]) {
        self.make = make
    }

    var values: [Float] {
        table.withLock { table in
            if let table { return table }
            let made = make()
            table = made
            return made
        }
    }
}
