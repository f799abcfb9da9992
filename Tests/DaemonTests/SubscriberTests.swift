import FaceEvents
import Foundation
import Glibc
import Testing

extension DaemonTests {
    /// Several subscribers of one daemon: identical copies of the log, one that stops reading and is cut off
    /// without holding the others up, and connections that come and go.
    @Suite struct SubscriberTests {
        /// Three subscribers connected before the video starts (the daemon reads it from a named pipe that the
        /// test fills after they connected) each receive exactly the bytes of the event log.
        @Test(.timeLimit(.minutes(3)))
        func threeSubscribersReceiveTheLogByteForByte() throws {
            let directory = try TestDirectory()
            let run = try GatedFaceClipRun(seconds: 5, subscribers: 3, in: directory)
            defer { run.kill() }
            let (configuration, daemon, subscribers) = (run.configuration, run.daemon, run.subscribers)

            let end = daemon.child.waitForExit(within: 150)
            #expect(end == .exited(0), "\(daemon.standardErrorLines)")
            let log = EventLogFollower(path: configuration.log, daemon: daemon)
            let events = log.events
            #expect(events.first?.isStreamUp == true)
            #expect(events.last?.down?.reason == FaceEvent.endOfFileReason)
            #expect(events.contains { $0.typeName == "track.start" })
            #expect(events.contains { $0.identity != nil })
            let logBytes = log.bytes
            for (number, subscriber) in subscribers.enumerated() {
                #expect(subscriber.waitForEnd(within: 5))
                #expect(subscriber.end == "end of stream", "subscriber \(number)")
                #expect(
                    subscriber.bytes == logBytes, "subscriber \(number): \(subscriber.lines.count) lines, log \(events.count)")
            }
        }

        /// A subscriber that connects and never reads is disconnected once its buffer (4 KiB here) and the kernel's
        /// are full; the three that read keep receiving, each event within 100 ms of its time stamp.
        ///
        /// The events come from a camera that refuses every connection, retried every millisecond: about a
        /// thousand `stream.down` events a second without any video analysis. An event's `ts` is taken on the
        /// daemon's stream thread just before it is published; the arrival time is taken on the subscriber's
        /// reading thread as soon as the line is whole. Both read the same wall clock, so arrival − ts bounds how
        /// long the event spent in the daemon, the kernel and the reading thread; `ts` is rounded to the
        /// millisecond, hence the extra half millisecond.
        @Test(.timeLimit(.minutes(2)))
        func aStalledSubscriberIsCutOffWithoutDelayingTheOthers() throws {
            let directory = try TestDirectory()
            let switchedOff = try LoopbackTCPPort(listening: false)
            var camera = DaemonConfiguration.Stream(name: "flood", url: "tcp://127.0.0.1:\(switchedOff.port)")
            camera.reconnect = (initialDelay: 0.001, maxDelay: 0.001)
            var configuration = DaemonConfiguration(in: directory, streams: [camera])
            configuration.subscriberBuffer = 4096
            let daemon = try DaemonProcess(configuration: configuration, in: directory)
            defer { daemon.child.kill() }
            try daemon.waitForSocket(configuration.socket)
            let readers = try (0..<3).map { _ in try SubscriberRecorder(socketPath: configuration.socket) }
            let stalled = try RawSocketClient(path: configuration.socket)

            let cutOff = eventually(within: 30) {
                daemon.standardErrorLines.contains { $0.contains("stopped reading") }
            }
            try #require(cutOff, "the stalled subscriber was never disconnected: \(daemon.standardErrorLines)")
            let cutOffTime = Date()
            Thread.sleep(forTimeInterval: 1)
            let stop = daemon.terminate(within: 5)
            #expect(stop.termination == .exited(0), "\(daemon.standardErrorLines)")

            let notices = daemon.standardErrorLines.filter { $0.contains("stopped reading") }
            #expect(notices.count == 1, "\(notices)")
            #expect(notices.first?.contains("(pid \(getpid()))") == true, "\(notices)")
            let logLines = EventLogFollower(path: configuration.log, daemon: daemon).lines
            var worstDelay = 0.0
            for (number, reader) in readers.enumerated() {
                #expect(reader.waitForEnd(within: 5))
                let arrivals = reader.arrivals
                #expect(!arrivals.isEmpty && reader.lines == Array(logLines.suffix(arrivals.count)), "reader \(number)")
                #expect(arrivals.filter { $0.time > cutOffTime }.count >= 100, "reader \(number) after the cut-off")
                for arrival in arrivals {
                    let event = try FaceEvent(jsonLine: arrival.line)
                    worstDelay = max(worstDelay, arrival.time.timeIntervalSince(event.time))
                }
            }
            #expect(worstDelay <= 0.1005, "an event reached a reading subscriber \(worstDelay) s after its time stamp")

            // What the kernel had taken for the stalled subscriber before the cut-off is still there to read: a run
            // of the same bytes the readers got, from the start of a line, then the end of the connection.
            let leftover = stalled.readToEnd(within: 5)
            #expect(leftover.closedByServer)
            #expect(leftover.bytes.starts(with: Array("{\"v\":1,".utf8)))
            #expect(Data(readers[0].bytes).range(of: Data(leftover.bytes)) != nil, "the stalled subscriber got other bytes")
        }

        /// A hundred subscribers that connect and go (some after reading a line, some at once, some leaving
        /// unread events behind) leave the daemon with the descriptors it had before.
        @Test(.timeLimit(.minutes(2)))
        func aHundredConnectionsComeAndGoWithoutLeakingDescriptors() throws {
            let directory = try TestDirectory()
            let switchedOff = try LoopbackTCPPort(listening: false)
            var camera = DaemonConfiguration.Stream(name: "flood", url: "tcp://127.0.0.1:\(switchedOff.port)")
            camera.reconnect = (initialDelay: 0.005, maxDelay: 0.005)
            let configuration = DaemonConfiguration(in: directory, streams: [camera])
            let daemon = try DaemonProcess(configuration: configuration, in: directory)
            defer { daemon.child.kill() }
            try daemon.waitForSocket(configuration.socket)
            Thread.sleep(forTimeInterval: 0.5)
            let before = try daemon.resources()

            for cycle in 0..<100 {
                switch cycle % 3 {
                case 0:
                    let subscription = try EventSubscription(path: configuration.socket, readTimeout: .seconds(5))
                    #expect(try subscription.nextLine() != nil, "cycle \(cycle)")
                    subscription.close()
                case 1:
                    try EventSubscription(path: configuration.socket).close()
                default:
                    let client = try RawSocketClient(path: configuration.socket)
                    Thread.sleep(forTimeInterval: 0.02)
                    client.close()
                }
            }

            var after = try daemon.resources()
            let settled = eventually(within: 5) {
                after = (try? daemon.resources()) ?? after
                return after.descriptorsBesidesNetworkSockets.count == before.descriptorsBesidesNetworkSockets.count
            }
            // The switched-off camera's connection attempts (a TCP socket every 5 ms) are left out of the count.
            #expect(settled, "\(before) → \(after)")
            let last = try EventSubscription(path: configuration.socket, readTimeout: .seconds(5))
            #expect(try last.nextLine() != nil)
            let stop = daemon.terminate(within: 5)
            #expect(stop.termination == .exited(0), "\(daemon.standardErrorLines)")
        }
    }
}
