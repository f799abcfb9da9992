/// A `facewatch run` configuration for one test, as YAML text: the streams under test, the event sinks in the
/// test's directory, and analysis settings cheap enough for a debug build (a 160×120 clip with one large face
/// costs about 0.3 s per full detection there, against 5 s for 640×360 with the defaults).
struct DaemonConfiguration {
    /// One entry under `streams:`.
    struct Stream {
        var name: String
        var url: String
        var realtime = false
        var timeout: Double?
        var reconnect: (initialDelay: Double, maxDelay: Double)?
        var queue: Int?

        init(name: String, url: String) {
            self.name = name
            self.url = url
        }
    }

    var models = TestEnvironment.modelsDirectory
    var gallery: String
    var log: String
    var socket: String
    var subscriberBuffer: Int?
    var streams: [Stream]

    /// Sinks and gallery inside `directory`: `events.jsonl`, `events.sock`, `gallery.sqlite`.
    init(in directory: TestDirectory, streams: [Stream]) {
        gallery = directory.file("gallery.sqlite")
        log = directory.file("events.jsonl")
        socket = directory.file("events.sock")
        self.streams = streams
    }

    var yaml: String {
        var lines = [
            "models: \(quoted(models))",
            "gallery: \(quoted(gallery))",
            "workers: 1",
            "detection: { min_face: 48, thresholds: [0.9, 0.9, 0.8] }",
            "tracking: { refine: false, confirm_hits: 2, max_lost_seconds: 0.5 }",
            "recognition: { min_embeddings: 2, unknown_after: 2, embed_every: 5 }",
            "events:",
            "  log: \(quoted(log))",
            "  socket: \(quoted(socket))",
        ]
        if let subscriberBuffer { lines.append("  subscriber_buffer: \(subscriberBuffer)") }
        lines.append("streams:")
        for stream in streams {
            lines.append("  - name: \(quoted(stream.name))")
            lines.append("    url: \(quoted(stream.url))")
            if stream.realtime { lines.append("    realtime: true") }
            if let timeout = stream.timeout { lines.append("    timeout: \(timeout)") }
            if let reconnect = stream.reconnect {
                lines.append("    reconnect: { initial_delay: \(reconnect.initialDelay), max_delay: \(reconnect.maxDelay) }")
            }
            if let queue = stream.queue { lines.append("    queue: \(queue)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted scalar.
    private func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
