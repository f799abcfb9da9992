import Foundation

/// What a running process holds, read from /proc: its threads (by name) and its open file descriptors (by what
/// they point at, e.g. `socket:[4242]`, `/tmp/fwd-x/events.jsonl`).
struct ProcessResources: Equatable, CustomStringConvertible {
    var threadNames: [String]
    var descriptors: [Int: String]
    /// The inodes of the Unix-domain sockets in the process's network namespace (`/proc/<pid>/net/unix`).
    var unixSocketInodes: Set<String> = []

    /// libdispatch names its worker threads after their queue's quality of service (`com.apple.root.default-qos`,
    /// cut to the kernel's 15 characters). It starts and retires them by itself, after idle timeouts, so their
    /// number says nothing about the daemon.
    static func isDispatchWorker(_ threadName: String) -> Bool {
        threadName.contains("-qos")
    }

    var threadCount: Int { threadNames.count }
    var ownThreadCount: Int { threadNames.filter { !Self.isDispatchWorker($0) }.count }
    var descriptorCount: Int { descriptors.count }

    /// The descriptors other than network sockets: files, pipes, event descriptors and Unix-domain sockets (the
    /// event socket and its subscribers). A camera's TCP connection attempts come and go on their own schedule, so a
    /// count that must not depend on when it was read leaves them out.
    var descriptorsBesidesNetworkSockets: [Int: String] {
        descriptors.filter { _, target in
            guard target.hasPrefix("socket:["), target.hasSuffix("]") else { return true }
            return unixSocketInodes.contains(String(target.dropFirst("socket:[".count).dropLast()))
        }
    }

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
        let unixTable = (try? String(contentsOfFile: "/proc/\(processID)/net/unix", encoding: .utf8)) ?? ""
        // Columns: Num RefCount Protocol Flags Type St Inode [Path]; the first line is the header.
        let inodes = unixTable.split(separator: "\n").dropFirst().compactMap { line -> String? in
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            return columns.count >= 7 ? String(columns[6]) : nil
        }
        return ProcessResources(threadNames: names, descriptors: descriptors, unixSocketInodes: Set(inodes))
    }
}
