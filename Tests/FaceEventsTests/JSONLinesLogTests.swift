import FaceEvents
import Foundation
import Glibc
import Testing

extension SinkTests {
    @Suite struct JSONLinesLogTests {
        @Test func appendsOneLinePerEventWithMode0640() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("events.log")
            try "earlier\n".write(toFile: path, atomically: false, encoding: .utf8)
            chmod(path, 0o640)

            let log = try JSONLinesLog(path: path)
            let lines = (0..<3).map { sampleEvent($0).jsonLine() }
            for line in lines { try log.publish(line) }
            try log.flush()
            try log.close()
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "earlier\n" + lines.map { $0 + "\n" }.joined())

            let fresh = directory.file("fresh.log")
            let previousMask = umask(0o022)
            defer { umask(previousMask) }
            let freshLog = try JSONLinesLog(path: fresh)
            try freshLog.close()
            #expect(permissions(fresh) == 0o640)
        }

        @Test func reopenAfterRenameWritesANewFile() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("events.log")
            let rotated = directory.file("events.log.1")
            let log = try JSONLinesLog(path: path)
            try log.publish("first")
            #expect(rename(path, rotated) == 0)
            try log.publish("second")
            try log.reopen()
            try log.publish("third")
            try log.close()

            #expect(try String(contentsOfFile: rotated, encoding: .utf8) == "first\nsecond\n")
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "third\n")
        }

        @Test func concurrentPublishersNeverSplitALine() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("events.log")
            let log = try JSONLinesLog(path: path)
            let padding = String(repeating: "x", count: 3000)
            DispatchQueue.concurrentPerform(iterations: 4) { writer in
                for index in 0..<200 { try? log.publish("\(writer) \(index) \(padding)") }
            }
            try log.close()
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 800)
            let parts = lines.map { $0.split(separator: " ", omittingEmptySubsequences: false) }
            #expect(parts.allSatisfy { $0.count == 3 && $0[2] == padding })
            #expect(Set(parts.map { "\($0[0]) \($0[1])" }).count == 800)
        }

        @Test func errorsNameThePathAndTheCause() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let missing = directory.file("no/such/dir/events.log")
            let error = #expect(throws: EventSinkError.self) { try JSONLinesLog(path: missing) }
            #expect(error?.description == "cannot open event log \(missing): No such file or directory")

            let log = try JSONLinesLog(path: directory.file("events.log"))
            try log.close()
            #expect(throws: EventSinkError.closed(sink: directory.file("events.log"))) { try log.publish("late") }
            #expect(throws: EventSinkError.self) { try JSONLinesLog(path: directory.path) }
        }

        @Test func dashMeansStandardOutputAndIsNotReopened() throws {
            let log = try JSONLinesLog(path: "-")
            try log.reopen()
            try log.close()
            #expect(fcntl(STDOUT_FILENO, F_GETFD) >= 0)
        }
    }
}
