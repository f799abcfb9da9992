import FaceEvents
import Foundation
import Testing

extension DaemonTests {
    /// A live camera (tools/rtsp_server.py) that dies with SIGKILL and comes back, twenty times over.
    @Suite(
        .enabled(
            if: RTSPTestServer.unavailableReason == nil,
            "needs /usr/bin/python3 with GStreamer's RTSP server bindings (scripts/rtsp-deps installs them)"))
    struct RTSPOutageTests {
        static let outages = 20
        static let maxDelay = 1.0

        /// Each outage is announced with its cause and a retry delay, each return with `stream.up`; the daemon holds
        /// the same threads and descriptors after the twentieth return as after the first.
        @Test(.timeLimit(.minutes(2)))
        func twentyOutagesAndReturnsLeakNothing() throws {
            let directory = try TestDirectory()
            let server = RTSPTestServer(clip: try TestClips.pattern(in: directory, seconds: 4), in: directory)
            try server.start()
            var camera = DaemonConfiguration.Stream(name: "cam", url: server.url)
            camera.timeout = 3
            camera.reconnect = (initialDelay: 0.2, maxDelay: Self.maxDelay)
            let configuration = DaemonConfiguration(in: directory, streams: [camera])
            let daemon = try DaemonProcess(configuration: configuration, in: directory)
            defer { daemon.child.kill() }
            try daemon.waitForSocket(configuration.socket)
            let subscriber = try SubscriberRecorder(socketPath: configuration.socket)
            let log = EventLogFollower(path: configuration.log, daemon: daemon)

            _ = try log.next("first stream.up", within: 30) { $0.isStreamUp }
            let afterFirstUp = try Self.settledResources(of: daemon)

            for outage in 1...Self.outages {
                server.kill()
                let down = try log.next("stream.down after outage \(outage)", within: 10) { $0.down != nil }.down
                #expect(down.map { isOneLine($0.reason) } == true, "outage \(outage): \(String(describing: down))")
                let retryIn = try #require(down?.retryIn, "outage \(outage): a live stream must be retried")
                #expect(retryIn > 0 && retryIn <= Self.maxDelay, "outage \(outage): retry in \(retryIn) s")
                try server.start()
                _ = try log.next("stream.up after outage \(outage)", within: 10) { $0.isStreamUp }
            }
            let afterLastUp = try Self.settledResources(of: daemon)
            #expect(daemon.isRunning)

            #expect(afterLastUp.descriptorCount == afterFirstUp.descriptorCount, "\(afterFirstUp) → \(afterLastUp)")
            #expect(afterLastUp.ownThreadCount == afterFirstUp.ownThreadCount, "\(afterFirstUp) → \(afterLastUp)")
            // libdispatch's idle workers retire on their own schedule; the total must come back to at most the first.
            #expect(
                eventually(within: 10, interval: 0.2) {
                    ((try? daemon.resources().threadCount) ?? .max) <= afterFirstUp.threadCount
                }, "\(afterFirstUp) → \((try? daemon.resources())?.description ?? "?")")

            let events = log.events
            #expect(events.filter(\.isStreamUp).count == Self.outages + 1)
            #expect(events.allSatisfy { $0.stream == "cam" })

            let stop = daemon.terminate(within: 5)
            #expect(stop.termination == .exited(0), "\(daemon.standardErrorLines)")
            #expect(stop.seconds < 5)
            #expect(subscriber.waitForEnd(within: 5))
            #expect(subscriber.end == "end of stream")
            let logLines = log.lines
            #expect(!subscriber.lines.isEmpty)
            #expect(subscriber.lines == Array(logLines.suffix(subscriber.lines.count)))
            #expect(log.events.last?.down?.reason == "facewatch is stopping")
        }

        /// The daemon's threads and descriptors a second after a change of state, when the reconnection's
        /// short-lived sockets are closed and the new connection is settled.
        static func settledResources(of daemon: DaemonProcess) throws -> ProcessResources {
            Thread.sleep(forTimeInterval: 1)
            return try daemon.resources()
        }
    }
}
