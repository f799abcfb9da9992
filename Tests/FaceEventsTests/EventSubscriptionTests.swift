import FaceEvents
import Foundation
import Glibc
import Testing

extension SinkTests {
    @Suite struct EventSubscriptionTests {
        @Test func aMissingSocketIsOneLineWithAHint() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("events.sock")
            let error = #expect(throws: EventSubscriptionError.self) { try EventSubscription(path: path) }
            #expect(error == .cannotConnect(path: path, errorNumber: ENOENT))
            #expect(error?.description == "cannot connect to \(path): No such file or directory — is facewatch running?")

            try makeStaleSocket(at: path)
            let refused = #expect(throws: EventSubscriptionError.self) { try EventSubscription(path: path) }
            #expect(refused?.description == "cannot connect to \(path): Connection refused — is facewatch running?")
        }

        @Test func linesAndEventsReadBack() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("events.sock")
            let server = try EventSocketServer(path: path, diagnostics: DiagnosticsRecorder().handler)
            let subscription = try EventSubscription(path: path, readTimeout: .seconds(5))
            let events = (0..<30).map { sampleEvent($0) }
            for event in events { try server.publish(event.jsonLine()) }
            server.close()
            let decoded = try subscription.lines.map { try FaceEvent(jsonLine: $0) }
            #expect(decoded == events)
            #expect(subscription.failure == nil)
            subscription.close()
            #expect(throws: EventSubscriptionError.closed(path: path)) { try subscription.nextLine() }
        }

        @Test func aConnectionCutInTheMiddleOfALineIsReported() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("events.sock")
            let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(listener) }
            try makeListener(listener, at: path)
            let subscription = try EventSubscription(path: path, readTimeout: .seconds(5))
            let connection = accept(listener, nil, nil)
            #expect(connection >= 0)
            let bytes = Array("{\"whole\":1}\n{\"half\":".utf8)
            #expect(bytes.withUnsafeBytes { write(connection, $0.baseAddress, $0.count) } == bytes.count)
            close(connection)

            #expect(try subscription.nextLine() == "{\"whole\":1}")
            #expect(throws: EventSubscriptionError.endedMidLine(path: path, byteCount: 8)) { try subscription.nextLine() }
        }

        @Test func aReadTimeoutIsReported() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("events.sock")
            let server = try EventSocketServer(path: path, diagnostics: DiagnosticsRecorder().handler)
            defer { server.close() }
            let subscription = try EventSubscription(path: path, readTimeout: .milliseconds(100))
            #expect(throws: EventSubscriptionError.timedOut(path: path, seconds: 0.1)) { try subscription.nextLine() }
        }

        private func makeListener(_ descriptor: Int32, at path: String) throws {
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            guard bound == 0, listen(descriptor, 4) == 0 else {
                throw TestFailure("listen on \(path): \(String(cString: strerror(errno)))")
            }
        }
    }
}
