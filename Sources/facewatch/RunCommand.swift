import ArgumentParser
import FaceEvents
import FaceIdentity
import FaceStream
import FaceVision
import FacewatchConfig
import FacewatchSupport
import Foundation
import NeuralEngine

/// `facewatch run`: the daemon. Watches the configured streams, tracks and recognises faces, and publishes events
/// until every stream has ended or a SIGTERM/SIGINT arrives.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Watch video files and cameras, and publish face and identity events (the daemon).",
        discussion: """
            Everything comes from the configuration file (see Config/facewatch.yaml). Events go to the log \
            (events.log; "-" is standard output) and to every subscriber of the Unix socket (events.socket; read \
            them with `facewatch subscribe`). Diagnostics go to standard error, one line each.

            Signals: SIGHUP reloads the gallery and reopens the log (for logrotate); SIGTERM or SIGINT stops \
            intake, finishes the frames in flight, delivers every event to every sink and exits 0. Under systemd \
            (Type=notify) it reports READY=1 once the models are loaded, pings the watchdog, keeps the STATUS= \
            line current (each stream up or down, the faces in view and their names), and reports STOPPING=1.

            The run also ends, with exit code 0, once every stream has ended (files read to the end); live \
            streams never end on their own. Exit codes: 0 done, 1 failure while running, 78 bad configuration \
            or missing models.
            """)

    static let configurationExitCode: Int32 = 78

    @Option(help: "The configuration file.")
    var config: String = FacewatchConfiguration.defaultPath

    @Flag(help: "Only check the configuration file and the models, then exit.")
    var check = false

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let configuration: FacewatchConfiguration
        do {
            configuration = try FacewatchConfiguration.load(path: config)
            try configuration.validateForRun(source: config)
        } catch {
            printError("\(error)")
            throw ExitCode(Self.configurationExitCode)
        }
        let notifier = SystemdNotifier()
        let daemon: Daemon
        do {
            daemon = try Daemon(configuration: configuration, notifier: notifier)
        } catch {
            printError("\(error)")
            throw ExitCode(error.isConfiguration ? Self.configurationExitCode : 1)
        }
        if check {
            daemon.closeSinks()
            print("\(config): ok (\(configuration.streams.count) stream\(configuration.streams.count == 1 ? "" : "s"))")
            return
        }
        do {
            try daemon.run()
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
    }
}
