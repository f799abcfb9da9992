import Foundation

/// What a running process holds, read from /proc: its threads (by name) and its open file descriptors (by what
/// they point at, e.g. `socket:[4242]`, `/tmp/fwd-x/events.jsonl`).
struct ProcessResources: Equatable, CustomStringConvertible {
    var threadNames: [String]
    var descriptors: [Int: String]

    /// libdispatch names its worker threads after their queue's quality of service (`com.apple.root.default-qos`,
    /// cut to the kernel's 15 characters). It starts and retires them by itself, after idle timeouts, so their
    /// number says nothing about the daemon.
    static func isDispatchWorker(_ threadName: String) -> Bool {
        threadName.contains("-qos")
    }

    var threadCount: Int { threadNames.count }
    var ownThreadCount: Int { threadNames.filter { !Self.isDispatchWorker($0) }.count }
    var descriptorCount: Int { descriptors.count }

    var description: String {
        let files = descriptors.keys.sorted().map { "\($0)→\(descriptors[$0]!)" }.joined(separator: " ")
        return "\(threadCount) threads [\(threadNames.joined(separator: ", "))], \(descriptorCount) descriptors [\(files)]"
    }

    static func of(processID: Int32) throws -> ProcessResources {
        let manager = FileManager.default
        let tasks = try manager.contentsOfDirectory(atPath: "/proc/\(processID)/task")
        let names = tasks.sorted().map { task in
            ((try? String(contentsOfFile: "/proc/\(processID)/task/\(task)/comm", encoding: .utf8)) ?? "?")
                .trimmingCharacters(in: .newlines)
        }
        var descriptors: [Int: String] = [:]
        for entry in try manager.contentsOfDirectory(atPath: "/proc/\(processID)/fd") {
            guard let number = Int(entry) else { continue }
            descriptors[number] = (try? manager.destinationOfSymbolicLink(atPath: "/proc/\(processID)/fd/\(entry)")) ?? "?"
        }
        return ProcessResources(threadNames: names, descriptors: descriptors)
    }
}
