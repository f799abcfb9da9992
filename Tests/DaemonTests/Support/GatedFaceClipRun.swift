/// A daemon watching a clip with a face that reaches it through a named pipe, and subscribers that connected
/// before the pipe was fed: every subscriber is there before the first event, so each should receive the whole
/// event log.
final class GatedFaceClipRun {
    let configuration: DaemonConfiguration
    let daemon: DaemonProcess
    let subscribers: [SubscriberRecorder]
    private let feeder: ChildProcess

    init(seconds: Int, subscribers count: Int, realtime: Bool = false, in directory: TestDirectory) throws {
        let clip = try TestClips.face(in: directory, seconds: seconds)
        let gate = try directory.makeFIFO("faces.mp4")
        var stream = DaemonConfiguration.Stream(name: "faces", url: gate)
        stream.realtime = realtime
        let configuration = DaemonConfiguration(in: directory, streams: [stream])
        let daemon = try DaemonProcess(configuration: configuration, in: directory)
        do {
            try daemon.waitForSocket(configuration.socket)
            subscribers = try (0..<count).map { _ in try SubscriberRecorder(socketPath: configuration.socket) }
            feeder = try FIFOFeeder.start(clip, into: gate, in: directory)
        } catch {
            daemon.child.kill()
            throw error
        }
        self.configuration = configuration
        self.daemon = daemon
    }

    /// Kills the feeder and the daemon where they still run.
    func kill() {
        feeder.kill()
        daemon.child.kill()
    }
}
