import ArgumentParser
import FaceEvents
import FacewatchConfig
import Foundation

/// `facewatch subscribe`: prints the daemon's events as they happen, one JSON line each.
struct SubscribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscribe",
        abstract: "Print the running daemon's events as they happen.",
        discussion: """
            Connects to the daemon's Unix socket and prints every event from then on, one JSON object per line, \
            until the daemon stops (exit 0) or the connection fails (exit 1). The socket is --socket, else \
            events.socket of the configuration file (--config), else /run/facewatch/events.sock.
            """)

    @Option(help: "The daemon's event socket.")
    var socket: String?

    @Option(help: "Read the socket's path from this configuration file.")
    var config: String?

    @Option(name: .customLong("type"), help: "Print only events of this type (repeatable): \(FaceEvent.typeNames.joined(separator: ", ")).")
    var types: [String] = []

    func validate() throws {
        for type in types where !FaceEvent.typeNames.contains(type) {
            throw ValidationError("unknown event type '\(type)' (known: \(FaceEvent.typeNames.joined(separator: ", ")))")
        }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let path = try socketPath()
        let subscription: EventSubscription
        do {
            subscription = try EventSubscription(path: path)
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
        let wanted = Set(types)
        let output = FileHandle.standardOutput
        while true {
            let line: String?
            do {
                line = try subscription.nextLine()
            } catch {
                printError("\(error)")
                throw ExitCode(1)
            }
            guard let line else { return }
            if !wanted.isEmpty {
                guard let event = try? FaceEvent(jsonLine: line), wanted.contains(event.typeName) else { continue }
            }
            output.write(Data((line + "\n").utf8))
        }
    }

    private func socketPath() throws -> String {
        if let socket { return socket }
        let file = config ?? FacewatchConfiguration.defaultPath
        guard config != nil || FileManager.default.fileExists(atPath: file) else {
            return FacewatchConfiguration.defaults.events.socket ?? "/run/facewatch/events.sock"
        }
        do {
            let configuration = try FacewatchConfiguration.load(path: file)
            guard let socket = configuration.events.socket else {
                printError("\(file): events.socket is off; the daemon publishes no socket")
                throw ExitCode(1)
            }
            return socket
        } catch let error as ConfigurationError {
            printError("\(error)")
            throw ExitCode(1)
        }
    }
}
