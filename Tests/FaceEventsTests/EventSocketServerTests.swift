import FaceEvents
import Foundation
import Glibc
import Testing

extension SinkTests {
    @Suite struct EventSocketServerTests {
        @Test func threeSubscribersReceiveIdenticalBytes() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("events.sock")
            let server = try EventSocketServer(path: path, diagnostics: DiagnosticsRecorder().handler)
            #expect(fileType(path) == S_IFSOCK)
            #expect(permissions(path) == 0o660)

            let readers = (0..<3).map { _ in ReceivedLines() }
            let connected = DispatchSemaphore(value: 0)
            for reader in readers { subscribeOnThread(path, into: reader, connected: connected) }
            for _ in readers { connected.wait() }
            #expect(server.subscriberCount == 3)

            let published = (0..<1000).map { sampleEvent($0).jsonLine() }
            for line in published { try server.publish(line) }
            server.close(flushTimeout: .seconds(5))

            for reader in readers {
                #expect(reader.waitForEnd(seconds: 5))
                #expect(reader.end == "end of stream")
                #expect(reader.lines == published)
            }
            #expect(fileType(path) == nil)
        }

        @Test func aLaterSubscriberReceivesOnlyLaterEvents() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("events.sock")
            let server = try EventSocketServer(path: path, diagnostics: DiagnosticsRecorder().handler)
            let early = try EventSubscription(path: path, readTimeout: .seconds(5))
            let before = (0..<10).map { sampleEvent($0).jsonLine() }
            for line in before { try server.publish(line) }
            let late = try EventSubscription(path: path, readTimeout: .seconds(5))
            let after = (10..<20).map { sampleEvent($0).jsonLine() }
            for line in after { try server.publish(line) }
            server.close(flushTimeout: .seconds(5))

            #expect(Array(early.lines) == before + after)
            #expect(early.failure == nil)
            #expect(Array(late.lines) == after)
            #expect(late.failure == nil)
        }

        @Test func aSubscriberThatStopsReadingIsDroppedWithoutSlowingTheOthers() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("events.sock")
            let diagnostics = DiagnosticsRecorder()
            let server = try EventSocketServer(
                path: path, configuration: .init(bufferLimit: 64 * 1024), diagnostics: diagnostics.handler)

            let readers = [ReceivedLines(), ReceivedLines()]
            let connected = DispatchSemaphore(value: 0)
            for reader in readers { subscribeOnThread(path, into: reader, connected: connected) }
            for _ in readers { connected.wait() }
            let stalled = try RawClient(path: path)
            defer { stalled.close() }
            #expect(server.subscriberCount == 3)

            var published: [String] = []
            var slowestPublish = Duration.zero
            let clock = ContinuousClock()
            let start = clock.now
            var eventsAfterDrop = 0
            while eventsAfterDrop < 500, clock.now - start < .seconds(10) {
                // Batches small enough that the readers, waited for, never come near the limit.
                for _ in 0..<50 {
                    let line = sampleEvent(published.count).jsonLine()
                    let elapsed = try clock.measure { try server.publish(line) }
                    slowestPublish = max(slowestPublish, elapsed)
                    published.append(line)
                }
                if server.droppedSubscribers > 0 { eventsAfterDrop += 50 }
                _ = eventually(seconds: 2) { readers.allSatisfy { $0.count == published.count } }
            }
            server.close(flushTimeout: .seconds(5))

            #expect(server.droppedSubscribers == 1)
            #expect(eventsAfterDrop >= 500)
            #expect(slowestPublish < .milliseconds(100))
            for reader in readers {
                #expect(reader.waitForEnd(seconds: 5))
                #expect(reader.end == "end of stream")
                #expect(reader.lines == published)
            }
            let drops = diagnostics.messages.filter { $0.contains("stopped reading") }
            #expect(drops.count == 1)
            #expect(drops.first?.hasPrefix("subscriber 3 (pid \(getpid()))") == true)

            let received = stalled.readToEnd()
            #expect(received.count < published.count * published[0].utf8.count)
        }

        @Test func aClientThatSendsBytesIsNamedOnceAndKeepsReceiving() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("events.sock")
            let diagnostics = DiagnosticsRecorder()
            let server = try EventSocketServer(path: path, diagnostics: diagnostics.handler)
            let chatty = try RawClient(path: path)
            defer { chatty.close() }
            #expect(chatty.send(Array("garbage, 17 bytes".utf8)) == 17)
            #expect(eventually { diagnostics.messages.count == 1 })
            #expect(diagnostics.messages == ["subscriber 1 (pid \(getpid())) sent 17 unexpected bytes; ignored"])

            // The client reads all along, so the test does not depend on how much the kernel buffers.
            let reading = DispatchGroup()
            nonisolated(unsafe) var bytes: [UInt8] = []
            reading.enter()
            Thread {
                bytes = chatty.readToEnd()
                reading.leave()
            }.start()
            let published = (0..<100).map { sampleEvent($0).jsonLine() }
            for (index, line) in published.enumerated() {
                try server.publish(line)
                if index == 50 { _ = chatty.send(Array("more".utf8)) }
            }
            #expect(server.subscriberCount == 1)
            server.close(flushTimeout: .seconds(5))
            #expect(reading.wait(timeout: .now() + 30) == .success)

            let received = String(decoding: bytes, as: UTF8.self)
            #expect(received == published.map { $0 + "\n" }.joined())
            #expect(diagnostics.messages.count == 1)
        }

        @Test func aSubscriberThatLeavesWithEventsPendingIsRemovedQuietly() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("events.sock")
            let diagnostics = DiagnosticsRecorder()
            let server = try EventSocketServer(path: path, diagnostics: diagnostics.handler)
            defer { server.close() }
            let leaving = try RawClient(path: path)
            let deaf = try RawClient(path: path)
            defer { deaf.close() }
            let staying = try EventSubscription(path: path, readTimeout: .seconds(5))
            // Writing to a connection whose reader shut down fails with EPIPE: that must not raise SIGPIPE
            // (which would end this process) nor be reported.
            deaf.shutdownReading()
            for index in 0..<3000 { try server.publish(sampleEvent(index).jsonLine()) }
            leaving.close()
            for index in 3000..<3100 { try server.publish(sampleEvent(index).jsonLine()) }
            var received = 0
            while received < 3100, let line = try staying.nextLine() {
                #expect(line == sampleEvent(received).jsonLine())
                received += 1
            }
            #expect(received == 3100)
            #expect(eventually { server.subscriberCount == 1 })
            #expect(diagnostics.messages.isEmpty)
        }

        @Test func connectAndDisconnectCyclesLeakNoDescriptors() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("events.sock")
            let beforeServer = try openDescriptorCount()
            let server = try EventSocketServer(path: path, diagnostics: DiagnosticsRecorder().handler)
            let withServer = try openDescriptorCount()

            for cycle in 0..<100 {
                let subscription = try EventSubscription(path: path, readTimeout: .seconds(5))
                try server.publish(sampleEvent(cycle).jsonLine())
                #expect(try subscription.nextLine() == sampleEvent(cycle).jsonLine())
                subscription.close()
            }
            let raw = try RawClient(path: path)
            _ = raw.send([1, 2, 3])
            raw.close()

            #expect(eventually { server.subscriberCount == 0 })
            #expect(try eventually { try openDescriptorCount() == withServer })
            server.close()
            #expect(try openDescriptorCount() == beforeServer)
        }

        /// `subscriberCount` accepts waiting connections on the caller's thread; the I/O thread must still learn of
        /// them, or a client that connected and hung up stays counted for ever.
        @Test func aConnectionAcceptedByTheCountIsStillWatched() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("events.sock")
            let server = try EventSocketServer(path: path, diagnostics: DiagnosticsRecorder().handler)
            defer { server.close() }
            for cycle in 0..<100 {
                let raw = try RawClient(path: path)
                raw.close()
                _ = server.subscriberCount
                guard eventually(seconds: 2, { server.subscriberCount == 0 }) else {
                    Issue.record("cycle \(cycle): a client that hung up is still counted as a subscriber")
                    return
                }
            }
        }

        @Test func closeDeliversEverythingBufferedBeforeClosing() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("events.sock")
            let diagnostics = DiagnosticsRecorder()
            let server = try EventSocketServer(path: path, diagnostics: diagnostics.handler)
            let reader = ReceivedLines()
            let connected = DispatchSemaphore(value: 0)
            let startReading = DispatchSemaphore(value: 0)
            subscribeOnThread(path, into: reader, connected: connected, startReading: startReading)
            connected.wait()

            // About 700 kB: far more than the socket holds, so most of it waits in the server's buffer.
            let published = (0..<5000).map { sampleEvent($0).jsonLine() }
            for line in published { try server.publish(line) }
            #expect(server.flush(timeout: .milliseconds(50)) == false)
            startReading.signal()
            server.close(flushTimeout: .seconds(5))

            #expect(reader.waitForEnd(seconds: 5))
            #expect(reader.end == "end of stream")
            #expect(reader.count == published.count)
            #expect(reader.lines == published)
            #expect(diagnostics.messages.isEmpty)
            #expect(throws: EventSinkError.closed(sink: path)) { try server.publish("late") }
        }

        @Test func closeGivesUpOnAStalledSubscriberAfterTheTimeout() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("events.sock")
            let diagnostics = DiagnosticsRecorder()
            let server = try EventSocketServer(path: path, diagnostics: diagnostics.handler)
            let stalled = try RawClient(path: path)
            defer { stalled.close() }
            for index in 0..<5000 { try server.publish(sampleEvent(index).jsonLine()) }

            let elapsed = ContinuousClock().measure { server.close(flushTimeout: .milliseconds(200)) }
            #expect(elapsed >= .milliseconds(190))
            #expect(elapsed < .seconds(2))
            #expect(diagnostics.messages.contains { $0.contains("undelivered when the event socket closed") })
            #expect(fileType(path) == nil)
        }

        @Test func aStaleSocketFileIsReplaced() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("events.sock")
            try makeStaleSocket(at: path)
            #expect(fileType(path) == S_IFSOCK)
            let diagnostics = DiagnosticsRecorder()
            let server = try EventSocketServer(path: path, diagnostics: diagnostics.handler)
            #expect(diagnostics.messages.count == 1)
            #expect(diagnostics.messages.first?.contains("replaced") == true)
            let subscription = try EventSubscription(path: path, readTimeout: .seconds(5))
            try server.publish("{}")
            #expect(try subscription.nextLine() == "{}")
            server.close()
        }

        @Test func aRegularFileAtThePathIsRefusedAndKept() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("events.sock")
            try "precious\n".write(toFile: path, atomically: false, encoding: .utf8)
            #expect(throws: EventSocketError.notASocket(path: path)) {
                try EventSocketServer(path: path, diagnostics: DiagnosticsRecorder().handler)
            }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious\n")
            #expect(
                EventSocketError.notASocket(path: path).description
                    == "cannot create event socket \(path): something that is not a socket is there; not replacing it")
        }

        @Test func aSecondServerOnALivePathIsRefused() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("events.sock")
            let first = try EventSocketServer(path: path, diagnostics: DiagnosticsRecorder().handler)
            #expect(throws: EventSocketError.alreadyServing(path: path)) {
                try EventSocketServer(path: path, diagnostics: DiagnosticsRecorder().handler)
            }
            let subscription = try EventSubscription(path: path, readTimeout: .seconds(5))
            try first.publish("still serving")
            #expect(try subscription.nextLine() == "still serving")
            first.close()
            #expect(try subscription.nextLine() == nil)
        }

        @Test func aPathTooLongForSunPathIsRefused() throws {
            let path = "/tmp/" + String(repeating: "p", count: 120)
            let error = #expect(throws: EventSocketError.self) {
                try EventSocketServer(path: path, diagnostics: DiagnosticsRecorder().handler)
            }
            #expect(error == .pathTooLong(path: path, limit: 107))
        }
    }
}
