import FaceEvents
import Foundation
import Glibc
import Testing

/// A sink that fails on demand and remembers what it took.
private final class FlakySink: EventSink, @unchecked Sendable {
    private let lock = NSLock()
    private var taken: [String] = []
    private var failingNow = false

    var lines: [String] { lock.withLock { taken } }

    func setFailing(_ failing: Bool) { lock.withLock { failingNow = failing } }

    func publish(_ line: String) throws(EventSinkError) {
        lock.lock()
        defer { lock.unlock() }
        if failingNow { throw .cannotWrite(path: "/flaky", errorNumber: ENOSPC) }
        taken.append(line)
    }

    func flush() {}
    func close() {}
}

extension SinkTests {
    @Suite struct EventFanOutTests {
        @Test func publishersOnManyThreadsGiveEverySinkTheSameOrder() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let logPath = directory.file("events.log")
            let socketPath = directory.file("events.sock")
            let server = try EventSocketServer(path: socketPath, diagnostics: DiagnosticsRecorder().handler)
            let reader = ReceivedLines()
            let connected = DispatchSemaphore(value: 0)
            subscribeOnThread(socketPath, into: reader, connected: connected)
            connected.wait()
            let memory = FlakySink()
            let diagnostics = DiagnosticsRecorder()
            let fanOut = EventFanOut(
                sinks: [try JSONLinesLog(path: logPath), server, memory], diagnostics: diagnostics.handler)

            DispatchQueue.concurrentPerform(iterations: 4) { publisher in
                for index in 0..<250 { fanOut.publish(sampleEvent(index, stream: "camera-\(publisher)")) }
            }
            fanOut.close()
            fanOut.publish(sampleEvent(0, stream: "after close"))

            let logged = try String(contentsOfFile: logPath, encoding: .utf8).split(separator: "\n").map(String.init)
            #expect(reader.waitForEnd(seconds: 5))
            #expect(logged.count == 1000)
            #expect(reader.lines == logged)
            #expect(memory.lines == logged)
            for publisher in 0..<4 {
                let own = logged.filter { $0.contains("\"stream\":\"camera-\(publisher)\"") }
                #expect(own == (0..<250).map { sampleEvent($0, stream: "camera-\(publisher)").jsonLine() })
            }
            #expect(diagnostics.messages.isEmpty)
        }

        @Test func aFailingSinkIsReportedOncePerFailureAndDoesNotStopTheOthers() {
            let flaky = FlakySink()
            let healthy = FlakySink()
            let diagnostics = DiagnosticsRecorder()
            let fanOut = EventFanOut(sinks: [flaky, healthy], diagnostics: diagnostics.handler)
            flaky.setFailing(true)
            for index in 0..<10 { fanOut.publish(sampleEvent(index)) }
            flaky.setFailing(false)
            fanOut.publish(sampleEvent(10))
            flaky.setFailing(true)
            fanOut.publish(sampleEvent(11))
            fanOut.close()

            #expect(healthy.lines == (0..<12).map { sampleEvent($0).jsonLine() })
            #expect(flaky.lines == [sampleEvent(10).jsonLine()])
            #expect(diagnostics.messages.count == 2)
            #expect(diagnostics.messages.first == "cannot write to event log /flaky: No space left on device; later events may be lost too")
        }
    }
}
