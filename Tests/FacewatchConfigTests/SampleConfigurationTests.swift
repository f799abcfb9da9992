import FacewatchConfig
import Foundation
import Testing

/// The sample configuration shipped in Config/ must parse, show the defaults, and its commented stream example
/// must parse too once uncommented.
struct SampleConfigurationTests {
    static let samplePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Config/facewatch.yaml").path

    @Test func sampleEqualsTheDefaults() throws {
        let sample = try FacewatchConfiguration.load(path: Self.samplePath)
        #expect(sample == FacewatchConfiguration.defaults)
    }

    @Test func sampleUsesTheDirectoriesTheUnitProvides() throws {
        let text = try String(contentsOfFile: Self.samplePath, encoding: .utf8)
        for directory in ["/var/lib/facewatch/", "/run/facewatch/", "/var/log/facewatch/"] {
            #expect(text.contains(directory))
        }
    }

    @Test func sampleMentionsEveryKeyItAccepts() throws {
        let text = try String(contentsOfFile: Self.samplePath, encoding: .utf8)
        let keys = [
            "models", "gallery", "workers", "streams", "name", "url", "detect_every", "min_face", "detect_width",
            "realtime", "rtsp_transport", "timeout", "reconnect", "initial_delay", "max_delay", "queue", "rotate",
            "detection", "thresholds", "scale_factor", "tracking", "iou_threshold", "confirm_hits",
            "max_lost_seconds", "refine", "search_missed", "recognition", "threshold", "min_embeddings", "unknown_after",
            "embed_every", "embeddings_per_frame", "switch_margin", "embedder", "kind", "file", "input_size", "template", "mirror_average",
            "events", "log",
            "socket", "socket_mode", "subscriber_buffer",
        ]
        for key in keys {
            #expect(text.contains("\(key):") || text.contains("  \(key) "), "sample does not document \(key)")
        }
    }

    @Test func commentedStreamExampleParses() throws {
        let text = try String(contentsOfFile: Self.samplePath, encoding: .utf8)
        let uncommented = try #require(Self.uncommentingStreams(text))
        let configuration = try FacewatchConfiguration(yaml: uncommented, source: "sample", relativeTo: "/etc/facewatch")
        #expect(configuration.streams.count == 2)
        let camera = try #require(configuration.streams.first)
        #expect(camera.name == "front-door")
        #expect(camera.source == .live(url: "rtsp://viewer:secret@192.0.2.10:554/stream1"))
        #expect(camera.source.redacted == "rtsp://viewer:***@192.0.2.10:554/stream1")
        #expect(camera.minFace == 40)
        #expect(camera.detectWidth == 1280)
        #expect(camera.detectEvery == 5 && camera.queueCapacity == 16 && camera.rtspTransport == .tcp)
        #expect(camera.reconnect == ReconnectBackoff())
        let file = try #require(configuration.streams.last)
        #expect(file.source == .file(path: "/srv/video/lobby.mp4"))
        #expect(file.realtime)
        #expect(file.minFace == configuration.detection.minFace)
        try configuration.validateForRun(source: "sample")
    }

    /// The sample with `# ` removed from the comment lines right after `streams:`.
    private static func uncommentingStreams(_ text: String) -> String? {
        var lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "streams:") else { return nil }
        var index = start + 1
        while index < lines.count, lines[index].hasPrefix("# ") {
            lines[index].removeFirst(2)
            index += 1
        }
        return index > start + 1 ? lines.joined(separator: "\n") : nil
    }
}
