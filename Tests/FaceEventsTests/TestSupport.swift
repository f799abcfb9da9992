import FaceEvents
import Foundation
import Glibc

/// A fresh directory under /tmp (short, so socket paths fit in sun_path), removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/fe-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard let created else { throw TestFailure("mkdtemp failed: \(String(cString: strerror(errno)))") }
        path = String(cString: created)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Collects diagnostics from any thread.
final class DiagnosticsRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    var handler: EventDiagnostics { { [self] line in record(line) } }

    var messages: [String] { lock.withLock { lines } }

    private func record(_ line: String) { lock.withLock { lines.append(line) } }
}

/// Lines read by a subscriber on its own thread.
final class ReceivedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var received: [String] = []
    private var ending: String?
    private let done = DispatchSemaphore(value: 0)

    var lines: [String] { lock.withLock { received } }
    var count: Int { lock.withLock { received.count } }
    /// "end of stream", or the error that ended the reading.
    var end: String? { lock.withLock { ending } }

    func append(_ line: String) { lock.withLock { received.append(line) } }

    func finish(_ how: String) {
        lock.withLock { ending = how }
        done.signal()
    }

    func waitForEnd(seconds: Double) -> Bool { done.wait(timeout: .now() + seconds) == .success }
}

/// Connects an ``EventSubscription`` on a new thread and reads every line until the server closes.
/// `startReading` (when given) is waited for between connecting and reading.
func subscribeOnThread(
    _ path: String, into received: ReceivedLines, connected: DispatchSemaphore,
    startReading: DispatchSemaphore? = nil
) {
    let thread = Thread {
        do {
            let subscription = try EventSubscription(path: path, readTimeout: .seconds(20))
            connected.signal()
            startReading?.wait()
            while let line = try subscription.nextLine() { received.append(line) }
            received.finish("end of stream")
        } catch {
            connected.signal()
            received.finish("\(error)")
        }
    }
    thread.start()
}

func openDescriptorCount() throws -> Int {
    try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
}

/// Polls `condition` until it holds or `seconds` pass; returns its last value.
func eventually(seconds: Double = 3, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date(timeIntervalSinceNow: seconds)
    while Date() < deadline {
        if try condition() { return true }
        usleep(2_000)
    }
    return try condition()
}

/// Distinct, realistic events: `index` runs through tracks, times and positions.
func sampleEvent(_ index: Int, stream: String = "front-door") -> FaceEvent {
    let time = Date(timeIntervalSince1970: 1_796_011_953 + Double(index) / 1000)
    let box = FaceEvent.Box(x: Double(index % 640), y: Double(index % 480) + 0.5, width: 96, height: 118)
    let kind: FaceEvent.Kind
    switch index % 3 {
    case 0: kind = .trackStart(track: index, pts: Double(index) / 25, box: box)
    case 1: kind = .identity(track: index, identity: "person \(index % 7)", distance: 0.3817, pts: Double(index) / 25, box: box)
    default: kind = .trackEnd(track: index, pts: Double(index) / 25, identity: "unknown", duration: 1.5, frames: index)
    }
    return FaceEvent(stream: stream, time: time, kind: kind)
}

/// A raw client of a Unix socket, for what ``EventSubscription`` does not do (sending bytes).
struct RawClient {
    let descriptor: Int32

    init(path: String) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            Glibc.close(descriptor)
            throw TestFailure("connect \(path): \(String(cString: strerror(errno)))")
        }
    }

    func send(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    /// Everything until the server closes the connection.
    func readToEnd() -> [UInt8] {
        var all: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { return all }
            all.append(contentsOf: chunk[0..<count])
        }
    }

    /// Stops receiving: the server's next write to this connection fails with EPIPE.
    func shutdownReading() { shutdown(descriptor, Int32(SHUT_RD)) }

    func close() { Glibc.close(descriptor) }
}

/// Makes a socket file with nobody listening: what a crashed server leaves behind.
func makeStaleSocket(at path: String) throws {
    let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
    let result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
        }
    }
    guard result == 0 else { throw TestFailure("bind \(path): \(String(cString: strerror(errno)))") }
}

func fileType(_ path: String) -> mode_t? {
    var status = stat()
    guard lstat(path, &status) == 0 else { return nil }
    return status.st_mode & S_IFMT
}

func permissions(_ path: String) -> mode_t? {
    var status = stat()
    guard lstat(path, &status) == 0 else { return nil }
    return status.st_mode & 0o777
}
